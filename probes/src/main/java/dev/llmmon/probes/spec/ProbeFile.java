package dev.llmmon.probes.spec;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed, validated probe file.
 *
 * @param name        how the file is named in messages and ids: the classpath resource name or the file path
 * @param description the file's description, or {@code null}
 * @param tags        tags of the file (already merged into every probe's tags)
 * @param probes      probes in file order, ids unique
 */
public record ProbeFile(String name, String description, Set<String> tags, List<Probe> probes) {
    public ProbeFile {
        Objects.requireNonNull(name, "name");
        tags = Set.copyOf(tags);
        probes = List.copyOf(probes);
    }
}
