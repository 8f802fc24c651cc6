package dev.llmmon.maven;

/**
 * Limits for one feature, overriding the global {@code max...} parameters. A limit of 0 turns that check off
 * for the feature. Configured as
 * {@code <featureThresholds><featureThreshold><feature>support-chat</feature><maxErrorRate>0.02</maxErrorRate>...}.
 */
public class FeatureThreshold {
    String feature;
    String maxErrorRate;
    String maxRefusalRate;
    String maxP95LatencyMs;
    String maxP99LatencyMs;
    String maxCostPerRequest;
    String maxMeanInputTokens;
    String maxMeanOutputTokens;

    /** The limits in the order error rate, refusal rate, p95, p99, cost per request, mean input, mean output tokens. */
    String[] limits() {
        return new String[] {maxErrorRate, maxRefusalRate, maxP95LatencyMs, maxP99LatencyMs, maxCostPerRequest,
                maxMeanInputTokens, maxMeanOutputTokens};
    }
}
