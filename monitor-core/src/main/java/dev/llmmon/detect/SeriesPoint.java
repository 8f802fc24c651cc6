package dev.llmmon.detect;

import java.time.Instant;
import java.util.Objects;

/**
 * One window of a metric series.
 *
 * @param windowStart start of the window; a series is strictly increasing in it
 * @param value the window's value: a rate in [0, 1] for {@link Kind#PROPORTION}, any number for
 *     {@link Kind#INDIVIDUAL}; {@code NaN} when the window has no value (the charts skip it with a reason)
 * @param n the number of requests behind a rate, or of observations behind a mean
 */
public record SeriesPoint(Instant windowStart, double value, long n) {
    public SeriesPoint {
        Objects.requireNonNull(windowStart, "windowStart");
        if (n < 0) {
            throw new IllegalArgumentException("window " + windowStart + ": n must be >= 0, got " + n);
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("window " + windowStart + ": value is infinite");
        }
    }
}
