package dev.llmmon.drift;


import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.SeriesDetector;

/** Drift in the mix of each feature's slices, day by day against the first days ({@link SliceDrift}). */
public final class SliceDriftDetector implements SeriesDetector {
    private final int referenceDays;

    /** @param referenceDays the first days of the logs, pooled as the reference */
    public SliceDriftDetector(int referenceDays) {
        this.referenceDays = referenceDays;
    }

    @Override
    public Findings detect(DetectionInput input) {
        SliceDrift.Result result = SliceDrift.detect(input.windows(), referenceDays);
        return new Findings(result.alerts(), result);
    }
}
