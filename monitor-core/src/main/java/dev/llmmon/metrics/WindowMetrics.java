package dev.llmmon.metrics;

import java.time.Instant;

/**
 * Metrics of one group (window × feature × model × optional slice). Rates are per request. Cost figures cover the
 * requests whose cost is known; {@code costUnknownRequests} says how many had no logged cost and no price.
 * Signal rates are NaN when the run had no signals; {@code explicitPositiveRate} is NaN without explicit feedback.
 */
public record WindowMetrics(
        GroupKey key,
        Instant windowStart,
        Instant windowEnd,
        long requests,
        long errors,
        long refusals,
        double errorRate,
        double refusalRate,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyP99Ms,
        double costTotalUsd,
        double costPerRequestUsd,
        long costUnknownRequests,
        double meanInputTokens,
        double meanOutputTokens,
        UserSignalMetrics signals) {

    /** User-signal metrics of the group's requests; {@code null} when no signals were given. */
    public record UserSignalMetrics(
            long explicitFeedback,
            double explicitPositiveRate,
            double feedbackCoverage,
            double correctionRate,
            double followUpRate,
            double retryRate,
            double abandonmentRate,
            boolean survivorshipRisk) {
    }

    public String featureId() {
        return key.featureId();
    }

    public String modelId() {
        return key.modelId();
    }
}
