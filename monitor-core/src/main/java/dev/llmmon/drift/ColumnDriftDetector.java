package dev.llmmon.drift;

import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;

/** Drift of token counts and finish-reason mixes per feature, day by day against the first days ({@link ColumnDrift}). */
public final class ColumnDriftDetector implements Detector<DailyColumns> {
    private final int referenceDays;

    /** @param referenceDays the first days of the logs, pooled as the reference */
    public ColumnDriftDetector(int referenceDays) {
        this.referenceDays = referenceDays;
    }

    @Override
    public Class<DailyColumns> stateType() {
        return DailyColumns.class;
    }

    @Override
    public DailyColumns newCollector() {
        return new DailyColumns();
    }

    @Override
    public Findings detect(DailyColumns state, DetectionInput input) {
        ColumnDrift.Result result = ColumnDrift.detect(state.columns(), referenceDays, input.windows());
        return new Findings(result.alerts(), result);
    }
}
