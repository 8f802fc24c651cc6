package dev.llmmon.evals;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where an eval case came from: the production request that was flagged and the judgement that flagged it. Every
 * field but {@code requestId} may be {@code null} (a hand-written case knows little).
 *
 * @param requestId     the flagged request
 * @param modelId       the model that answered it
 * @param requestedAt   when the request happened
 * @param flagReason    the flag rules that fired, e.g. {@code correctness 1 <= 2}
 * @param qualityScore  the judge's mean score
 * @param dimensions    the judge's score per dimension, in the judge's order
 * @param judgedAt      when it was judged
 * @param judgeModel    the judge model
 * @param rubricVersion the rubric it was judged under
 */
public record Provenance(String requestId, String modelId, Instant requestedAt, String flagReason, Double qualityScore,
                         Map<String, Integer> dimensions, Instant judgedAt, String judgeModel, String rubricVersion) {

    public Provenance {
        Objects.requireNonNull(requestId, "requestId");
        dimensions = dimensions == null || dimensions.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }

    /** Only the request id: a hand-written case, or a test. */
    public static Provenance of(String requestId) {
        return new Provenance(requestId, null, null, null, null, Map.of(), null, null, null);
    }
}
