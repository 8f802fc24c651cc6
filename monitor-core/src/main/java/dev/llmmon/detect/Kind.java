package dev.llmmon.detect;

/** How a chart turns a window's value into a standardized deviation from the baseline. */
public enum Kind {
    /**
     * Each window's value is one individual measurement (a p95 latency). σ comes from the baseline's moving range;
     * {@code n} only decides whether a window has enough observations to chart.
     */
    INDIVIDUAL,
    /**
     * Each window's value is a mean (or a quantile) of {@code n} observations: a cost per request, a mean token
     * count, a mean judge score. Its noise shrinks as 1/√n, so σ_i = σ₁/√n_i (the x̄ chart with variable subgroup
     * sizes, Montgomery §6.3.2): a quiet night hour of 20 requests may wander further than a busy hour of 2,000.
     * μ0 is the request-weighted mean of the baseline, and σ₁ comes from the moving range of the baseline's
     * (x_i − μ0)·√n_i, so variation between windows beyond sampling (as in Laney's charts) is in it too.
     */
    MEAN,
    /**
     * Each window's value is a proportion of {@code n} requests (error rate, refusal rate, flagged rate).
     * σ_i = √(p0(1−p0)/n_i) per window, with p0 pooled over the baseline.
     */
    PROPORTION
}
