package dev.llmmon.evals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed, validated eval-case file.
 *
 * @param name        the classpath resource name or the path, as errors name it
 * @param description the file's description, or {@code null}
 * @param tags        the file's tags (already merged into every case's tags)
 * @param cases       cases in file order, ids unique in the file
 */
public record EvalCaseFile(String name, String description, Set<String> tags, List<EvalCase> cases) {
    public EvalCaseFile {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        cases = List.copyOf(cases);
    }
}
