package dev.llmmon.detect;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One out-of-control condition: out-of-control windows (skipped windows in between neither extend nor close it)
 * form one episode, which closes once two charted windows in a row are back inside the limits, dated at the first
 * of them; one quiet window between signals does not split it. A condition that persists is therefore one open
 * episode, not one alert per window.
 *
 * @param start the first out-of-control window
 * @param lastSignal the latest out-of-control window
 * @param closedAt the first of the quiet windows that closed it; {@code null} while open (also when the data ends
 *     after a single quiet window)
 * @param peakValue the most extreme window value in the episode's direction
 * @param baselineMean the frozen in-control level μ0 (p0 for proportions), in value units; NaN for the legacy rule
 * @param limit the limit crossed when the episode opened, in the result's units
 * @param evidence the out-of-control windows, in time order
 */
public record Episode(
        Direction direction,
        Instant start,
        Instant lastSignal,
        Instant closedAt,
        double peakValue,
        Instant peakWindow,
        double baselineMean,
        double limit,
        List<PointResult> evidence) {

    public enum Direction {
        UP,
        DOWN
    }

    public Episode {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(start, "start");
        evidence = List.copyOf(evidence);
    }

    public boolean open() {
        return closedAt == null;
    }
}
