package dev.llmmon.metrics;

import java.time.Instant;

/**
 * Metrics of one group (window × feature × model × optional slice). Rates are per request. Cost figures cover the
 * requests whose cost is known; {@code costUnknownRequests} says how many had no logged cost and no price.
 * Signal rates are NaN when the run had no signals; {@code explicitPositiveRate} is NaN without explicit feedback.
 * Mean tokens are over the requests whose usage is known ({@link TokenDetail#tokensUnknownRequests} says how many
 * were not).
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
        UserSignalMetrics signals,
        TokenDetail tokens) {

    /** Metrics without cached/reasoning counts and with every request's usage known. */
    public WindowMetrics(GroupKey key, Instant windowStart, Instant windowEnd, long requests, long errors,
                         long refusals, double errorRate, double refusalRate, double latencyP50Ms, double latencyP95Ms,
                         double latencyP99Ms, double costTotalUsd, double costPerRequestUsd, long costUnknownRequests,
                         double meanInputTokens, double meanOutputTokens, UserSignalMetrics signals) {
        this(key, windowStart, windowEnd, requests, errors, refusals, errorRate, refusalRate, latencyP50Ms,
                latencyP95Ms, latencyP99Ms, costTotalUsd, costPerRequestUsd, costUnknownRequests, meanInputTokens,
                meanOutputTokens, signals, TokenDetail.NONE);
    }

    /**
     * What the window's logs said beyond input and output totals: requests without usage, and the cached-input and
     * reasoning parts over the requests that reported them (a total and how many requests it covers; {@code 0}
     * requests means no producer said).
     */
    public record TokenDetail(
            long tokensUnknownRequests,
            double cachedInputTokensTotal,
            long cachedInputTokensRequests,
            double reasoningTokensTotal,
            long reasoningTokensRequests) {

        public static final TokenDetail NONE = new TokenDetail(0, 0, 0, 0, 0);

        /** Mean cached input tokens over the requests that reported them; NaN when none did. */
        public double meanCachedInputTokens() {
            return cachedInputTokensRequests == 0 ? Double.NaN : cachedInputTokensTotal / cachedInputTokensRequests;
        }

        /** Mean reasoning tokens over the requests that reported them; NaN when none did. */
        public double meanReasoningTokens() {
            return reasoningTokensRequests == 0 ? Double.NaN : reasoningTokensTotal / reasoningTokensRequests;
        }
    }

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
