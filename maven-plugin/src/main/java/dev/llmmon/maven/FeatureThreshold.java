package dev.llmmon.maven;

import java.math.BigDecimal;

/**
 * Limits for one feature, overriding the global {@code max...} parameters. A limit of 0 turns that check off
 * for the feature. Configured as
 * {@code <featureThresholds><featureThreshold><feature>support-chat</feature><maxErrorRate>0.02</maxErrorRate>...}.
 */
public class FeatureThreshold {
    String feature;
    BigDecimal maxErrorRate;
    BigDecimal maxRefusalRate;
    BigDecimal maxP95LatencyMs;
    BigDecimal maxP99LatencyMs;
    BigDecimal maxCostPerRequest;
    BigDecimal maxMeanOutputTokens;
}
