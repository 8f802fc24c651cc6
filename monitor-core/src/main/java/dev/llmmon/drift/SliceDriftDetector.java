package dev.llmmon.drift;


import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;
import dev.llmmon.spi.NoState;

/** Drift in the mix of each feature's slices, day by day against the first days ({@link SliceDrift}). */
public final class SliceDriftDetector implements Detector<NoState> {
    private final int referenceDays;

    /** @param referenceDays the first days of the logs, pooled as the reference */
    public SliceDriftDetector(int referenceDays) {
        this.referenceDays = referenceDays;
    }

    @Override
    public Class<NoState> stateType() {
        return NoState.class;
    }

    @Override
    public NoState newCollector() {
        return NoState.INSTANCE;
    }

    @Override
    public Findings detect(NoState state, DetectionInput input) {
        SliceDrift.Result result = SliceDrift.detect(input.windows(), referenceDays);
        return new Findings(result.alerts(), result);
    }
}
