package dev.llmmon.triage;

import java.time.Instant;
import java.util.List;

/**
 * When the regression began, and what changed near then.
 *
 * @param series        the target's bad-outcome counts per window over the searched span
 * @param changePoint   start of the first window of the new regime (maximum-likelihood single change point of a
 *                      binomial series, restricted to a rise), {@code null} when the series is too short or flat
 * @param low           lower end of its 90% parametric-bootstrap interval
 * @param high          upper end of that interval
 * @param before        the rate before the change point
 * @param after         the rate from the change point to the window's end
 * @param changes       change events (logged and inferred) concerning the target, nearest to the change point first
 * @param note          why there is no change point, or {@code null}
 */
public record Isolation(List<SeriesPoint> series, Instant changePoint, Instant low, Instant high, double before,
                        double after, List<NearbyChange> changes, String note) {
    public Isolation {
        series = List.copyOf(series);
        changes = List.copyOf(changes);
    }

    /** One window of the target's series. */
    public record SeriesPoint(Instant windowStart, long units, long bad) {
        public double rate() {
            return units == 0 ? Double.NaN : (double) bad / units;
        }
    }

    /**
     * A change event near the change point.
     *
     * @param at              when it happened
     * @param kind            {@code deploy}, {@code model_change}, {@code fingerprint_change}, ...
     * @param source          {@code change-events} (the team's file) or {@code inferred} (from the logs)
     * @param description     what changed
     * @param distanceWindows signed distance from the change point, in windows (negative: before it)
     * @param before          the target's rate in the windows before the event (at most a day of them)
     * @param beforeUnits     units behind {@code before}
     * @param after           the rate in the windows after it
     * @param afterUnits      units behind {@code after}
     * @param pValue          two-sided Fisher exact p of before against after
     */
    public record NearbyChange(Instant at, String kind, String source, String description, double distanceWindows,
                               double before, long beforeUnits, double after, long afterUnits, double pValue) {
    }
}
