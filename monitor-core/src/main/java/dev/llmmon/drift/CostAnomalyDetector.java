package dev.llmmon.drift;

import java.time.Duration;
import java.util.List;

import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.SeriesDetector;

/** Seasonal cost anomalies ({@link CostAnomalies}) over hourly windows; other window lengths have none. */
public final class CostAnomalyDetector implements SeriesDetector {
    private final CostAnomalies.Plan plan;

    public CostAnomalyDetector(CostAnomalies.Plan plan) {
        this.plan = plan;
    }

    @Override
    public Findings detect(DetectionInput input) {
        if (!input.window().equals(Duration.ofHours(1))) {
            return Findings.of(List.of()); // the hour-of-week profile needs hourly windows
        }
        CostAnomalies.Result result = CostAnomalies.detect(plan, input.windows());
        return new Findings(result.alerts(), result);
    }
}
