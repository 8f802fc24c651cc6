package dev.llmmon.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A detector's verdict over a whole series: one {@link PointResult} per input window (same order), the episodes
 * they form, and the baseline the chart was frozen at.
 */
public record DetectionResult(
        String detector,
        Units units,
        BaselineSummary baseline,
        List<PointResult> points,
        List<Episode> episodes) {

    /** Units of {@link PointResult#statistic()} and the limits. */
    public enum Units {
        /** The metric's own units (EWMA of individual values, legacy rule). */
        VALUE,
        /** Standard deviations of the standardized statistic (proportion EWMA, all CUSUMs). */
        SIGMA
    }

    public DetectionResult {
        Objects.requireNonNull(detector, "detector");
        points = List.copyOf(points);
        episodes = List.copyOf(episodes);
    }

    /** The episode still open at the end of the series, if any: the condition an alert should report now. */
    public Optional<Episode> openEpisode() {
        return episodes.isEmpty() || !episodes.get(episodes.size() - 1).open()
                ? Optional.empty()
                : Optional.of(episodes.get(episodes.size() - 1));
    }

    /** Index of the first out-of-control window, or -1. */
    public int firstSignalIndex() {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).outOfControl()) {
                return i;
            }
        }
        return -1;
    }
}
