package dev.llmmon.detect;

import java.util.List;

/**
 * A change detector replayed over a whole history. Implementations are immutable and deterministic: the same
 * series always gives the same result, so a scheduled run needs no saved state.
 */
public interface Detector {

    /** Short description with the parameters, for reports (e.g. {@code ewma(lambda=0.1, L=2.814, BOTH)}). */
    String name();

    /**
     * @param series windows in strictly increasing {@code windowStart} order
     * @throws IllegalArgumentException when the series is out of order or a proportion lies outside [0, 1]
     */
    DetectionResult run(List<SeriesPoint> series);
}
