package dev.llmmon.series;

import dev.llmmon.detect.DetectionResult;
import dev.llmmon.detect.SeriesPoint;
import java.util.List;

/**
 * One series as it was charted.
 *
 * @param charted      the points the detector saw: the series itself, preceded (for a new model judged against
 *                     the model it replaced) by the previous model's baseline windows
 * @param baselineNote how the baseline was chosen, in words
 */
public record SeriesRun(SeriesKey key, Series series, List<SeriesPoint> charted, String baselineNote,
                        DetectionResult result) {
    public SeriesRun {
        charted = List.copyOf(charted);
    }

    /** Monitoring has not started: the baseline is still being collected. */
    public boolean warmingUp() {
        return !result.baseline().complete();
    }
}
