package dev.llmmon.detect;

/** How a chart turns a window's value into a standardized deviation from the baseline. */
public enum Kind {
    /**
     * Each window's value is one individual measurement (a mean, a p95, a cost per request). σ comes from the
     * baseline's moving range; {@code n} only decides whether a window has enough observations to chart.
     */
    INDIVIDUAL,
    /**
     * Each window's value is a proportion of {@code n} requests (error rate, refusal rate, flagged rate).
     * σ_i = √(p0(1−p0)/n_i) per window, with p0 pooled over the baseline.
     */
    PROPORTION
}
