package dev.llmmon.detect;

import java.time.Instant;

/**
 * What a detector concluded about one window.
 *
 * <p>{@code statistic}, {@code lowerLimit} and {@code upperLimit} are in the result's
 * {@link DetectionResult.Units units}; they are {@code NaN} for baseline and skipped windows, and a limit is
 * {@code NaN} on a side the chart does not check.
 *
 * @param skipReason why the window was not charted; {@code null} unless {@code status} is SKIPPED
 * @param note a human-readable detail for skipped windows; {@code null} otherwise
 */
public record PointResult(
        Instant windowStart,
        double value,
        long n,
        Status status,
        double statistic,
        double lowerLimit,
        double upperLimit,
        SkipReason skipReason,
        String note) {

    public enum Status {
        /** Used to estimate the baseline (or a legacy detector's warm-up); never signals. */
        BASELINE,
        IN_CONTROL,
        OUT_OF_CONTROL,
        SKIPPED
    }

    public enum SkipReason {
        /** The window's value is NaN (no data). */
        NO_VALUE,
        /** Fewer requests (observations) than the chart's minimum. */
        TOO_FEW_REQUESTS,
        /** The window lies before a pinned baseline range. */
        BEFORE_BASELINE,
        /** The baseline could not be estimated (too short, zero spread, p0 of 0 or 1). */
        NO_BASELINE
    }

    public boolean outOfControl() {
        return status == Status.OUT_OF_CONTROL;
    }

    static PointResult baseline(SeriesPoint p) {
        return new PointResult(p.windowStart(), p.value(), p.n(), Status.BASELINE, Double.NaN, Double.NaN,
                Double.NaN, null, null);
    }

    static PointResult skipped(SeriesPoint p, SkipReason reason, String note) {
        return new PointResult(p.windowStart(), p.value(), p.n(), Status.SKIPPED, Double.NaN, Double.NaN,
                Double.NaN, reason, note);
    }

    static PointResult charted(SeriesPoint p, boolean out, double statistic, double lower, double upper) {
        return new PointResult(p.windowStart(), p.value(), p.n(), out ? Status.OUT_OF_CONTROL : Status.IN_CONTROL,
                statistic, lower, upper, null, null);
    }
}
