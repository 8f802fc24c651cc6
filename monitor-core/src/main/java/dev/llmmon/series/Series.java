package dev.llmmon.series;

import dev.llmmon.detect.SeriesPoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One metric series in time order.
 *
 * @param window the window length (a window ends at {@code windowStart + window})
 */
public record Series(SeriesKey key, Duration window, List<SeriesPoint> points) {
    public Series {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i - 1).windowStart().isBefore(points.get(i).windowStart())) {
                throw new IllegalArgumentException("series " + key + " is not in strictly increasing time order at "
                        + points.get(i).windowStart());
            }
        }
    }
}
