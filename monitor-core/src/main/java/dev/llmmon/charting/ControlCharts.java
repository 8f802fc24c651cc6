package dev.llmmon.charting;

import dev.llmmon.series.SeriesSet;
import dev.llmmon.series.SeriesStore;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Control charts replayed over every (feature, model, metric) series of the windows (and judge quality), or over
 * a series store's history plus this run's windows. Its findings' detail is the {@link DetectionReport}. Its
 * per-record state, {@link WindowDetail}, lets the latency chart count the requests slower than the
 * baseline's p95 in each window (docs/detectors.md, "Latency as a share above the baseline's p95").
 */
public final class ControlCharts implements Detector<WindowDetail> {
    private final DetectionPlan plan;
    private final Path seriesStore;

    /**
     * @param plan        charts and baselines
     * @param seriesStore a series store folder: the charts replay its history plus this run's windows, and the
     *                    store is updated; {@code null} charts this run's windows only
     */
    public ControlCharts(DetectionPlan plan, Path seriesStore) {
        this.plan = plan;
        this.seriesStore = seriesStore;
    }

    @Override
    public Class<WindowDetail> stateType() {
        return WindowDetail.class;
    }

    @Override
    public WindowDetail newCollector() {
        return new WindowDetail();
    }

    @Override
    public Findings detect(WindowDetail latencies, DetectionInput input) throws IOException {
        DetectionPlan withChanges = withChanges(plan, input.latestBehaviourChanges());
        DetectionReport report;
        if (seriesStore == null) {
            report = Detection.run(withChanges, SeriesSet.from(input.windows(), input.quality(), withChanges.metrics()),
                    latencies);
        } else {
            // long histories: the store keeps every window's value (not the latency histograms), so latency is
            // charted as each window's p95 there
            SeriesSet fresh = SeriesSet.from(input.windows(), input.quality(), withChanges.metrics());
            report = Detection.run(withChanges, new SeriesStore(seriesStore).update(fresh));
        }
        return new Findings(report.alerts(), report);
    }

    /** Model and prompt changes anchor the "before the last model change" baseline. */
    private static DetectionPlan withChanges(DetectionPlan plan, Map<String, Instant> changes) {
        if (!(plan.baseline() instanceof BaselineSpec.BeforeModelChange before)) {
            return plan;
        }
        BaselineSpec.BeforeModelChange spec = before;
        for (Map.Entry<String, Instant> change : changes.entrySet()) {
            spec = spec.withChange(change.getKey(), change.getValue());
        }
        return plan.withBaseline(spec);
    }
}
