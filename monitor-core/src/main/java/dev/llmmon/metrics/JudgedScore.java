package dev.llmmon.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * One ok judgement placed at the time of the judged request: what a detector of judge quality reads when windows
 * hold too few judgements (a 5% sample of 100 requests an hour is 5 judgements an hour).
 *
 * @param requestTime when the judged request happened
 * @param requestId   the judged request (orders judgements of the same instant)
 * @param modelId     the judged request's model
 * @param score       the quality score (mean of the dimension scores, 1–5)
 * @param dimensions  score per rubric dimension
 */
public record JudgedScore(Instant requestTime, String requestId, String featureId, String modelId, double score,
                          Map<String, Integer> dimensions) {
    public JudgedScore {
        dimensions = Map.copyOf(dimensions);
    }
}
