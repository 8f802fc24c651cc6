package dev.llmmon.charting;

import java.util.Locale;

/** Which chart replays the series. */
public enum ChartType {
    /** λ = 0.1, L = 2.814: ARL0 ≈ 500 two-sided (≈ 1000 one-sided). The default. */
    EWMA,
    /** Tabular CUSUM, k = 0.5, h = 5: ARL0 ≈ 465 two-sided. */
    CUSUM,
    /** The seed's self-including EWMA rule; for comparison only (see docs/detectors.md). */
    LEGACY;

    public static ChartType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chart '" + name + "' is not one of ewma, cusum, legacy", e);
        }
    }
}
