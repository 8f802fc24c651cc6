package dev.llmmon.maven;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The limits by name, as {@code Thresholds.of} reads them; an unset one is {@code null}. */
    Map<String, String> limits() {
        return limits(maxErrorRate, maxRefusalRate, maxP95LatencyMs, maxP99LatencyMs, maxCostPerRequest,
                maxMeanInputTokens, maxMeanOutputTokens);
    }

    /** The seven limits by the names the global parameters and a feature's elements share. */
    static Map<String, String> limits(String errorRate, String refusalRate, String p95LatencyMs, String p99LatencyMs,
                                      String costPerRequest, String meanInputTokens, String meanOutputTokens) {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("maxErrorRate", errorRate);
        limits.put("maxRefusalRate", refusalRate);
        limits.put("maxP95LatencyMs", p95LatencyMs);
        limits.put("maxP99LatencyMs", p99LatencyMs);
        limits.put("maxCostPerRequest", costPerRequest);
        limits.put("maxMeanInputTokens", meanInputTokens);
        limits.put("maxMeanOutputTokens", meanOutputTokens);
        return limits;
    }
}
