package dev.llmmon.evals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One eval case (shared/formats/probes-and-evals.md): an input that once got a bad answer in production, the checks
 * a good answer must pass, and where it came from. Immutable.
 *
 * @param id          stable id, the test's name; exported cases use {@code ev-<feature>-<hash of the redacted input>}
 * @param featureId   the feature it belongs to
 * @param description what a reviewer noted, or {@code null}
 * @param input       the user message (redacted when exported)
 * @param system      system prompt, or {@code null}
 * @param badOutput   the flagged production answer (redacted), or {@code null}
 * @param provenance  the flagged request and judgement, or {@code null} for a hand-written case
 * @param duplicates  further flagged requests merged into this case (exact or near-duplicate inputs)
 * @param cluster     key of related cases for the gate's clustered statistics, or {@code null} (then the feature)
 * @param tags        tags (Allure labels, JUnit tags)
 * @param severity    {@code critical}, {@code major}, {@code minor}, or {@code null} (major)
 * @param repeat      calls per run
 * @param minPassRate share of calls that must pass every check
 * @param checks      at least one
 * @param line        1-based line of the case in its file, 0 when built in code
 */
public record EvalCase(String id, String featureId, String description, String input, String system, String badOutput,
                       Provenance provenance, List<Provenance> duplicates, String cluster, Set<String> tags,
                       String severity, int repeat, double minPassRate, List<EvalCheck> checks, int line) {

    public EvalCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(input, "input");
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
        tags = tags == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("eval case " + id + " has no checks");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be >= 1, was " + repeat);
        }
        if (!(minPassRate >= 0 && minPassRate <= 1)) {
            throw new IllegalArgumentException("min_pass_rate must be in [0, 1], was " + minPassRate);
        }
    }

    /** The cluster the gate groups this case in: {@link #cluster()}, else the feature. */
    public String clusterKey() {
        return cluster != null ? cluster : featureId;
    }

    /** Every production request behind this case: the provenance first, then the duplicates. */
    public List<Provenance> sources() {
        List<Provenance> all = new ArrayList<>();
        if (provenance != null) {
            all.add(provenance);
        }
        all.addAll(duplicates);
        return List.copyOf(all);
    }

    /** A copy with more merged sources. */
    public EvalCase withDuplicates(List<Provenance> more) {
        List<Provenance> all = new ArrayList<>(duplicates);
        all.addAll(more);
        return new EvalCase(id, featureId, description, input, system, badOutput, provenance, all, cluster, tags,
                severity, repeat, minPassRate, checks, line);
    }
}
