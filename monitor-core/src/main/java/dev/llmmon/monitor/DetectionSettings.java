package dev.llmmon.monitor;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.ChartType;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.series.SeriesMetric;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What detection a run does.
 *
 * @param enabled     detect at all ({@code false}: windows and thresholds only)
 * @param plan        charts, baselines, family ARL, metrics charted
 * @param changes     files, folders or globs of change events (deploys, model and prompt changes), may be empty
 * @param seriesStore a series store folder whose history the charts replay (and which is updated), or {@code null}
 * @param alertCharts draw a control-chart PNG per alert
 * @param inputDrift  input drift and its embedder
 */
public record DetectionSettings(boolean enabled, DetectionPlan plan, List<String> changes, Path seriesStore,
                                boolean alertCharts, EmbedderChoice inputDrift) {
    public DetectionSettings {
        changes = List.copyOf(changes);
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(true, DetectionPlan.defaults(), List.of(), null, true, EmbedderChoice.none());
    }

    /**
     * The plan from its settings as users write them.
     *
     * @param metrics metric ids to chart; empty charts all
     */
    public static DetectionPlan plan(String chart, double familyArl, List<String> metrics, long minRequests,
                                     BaselineSpec baseline) {
        DetectionPlan plan = DetectionPlan.defaults().withChart(ChartType.parse(chart)).withBaseline(baseline)
                .withMinCount(minRequests).withFamilyArl(familyArl);
        if (metrics.isEmpty()) {
            return plan;
        }
        Set<SeriesMetric> chosen = EnumSet.noneOf(SeriesMetric.class);
        for (String name : metrics) {
            chosen.add(SeriesMetric.parse(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown metric '" + name + "' in llmmon.detectMetrics; use one of "
                            + Arrays.stream(SeriesMetric.values()).map(SeriesMetric::id).toList())));
        }
        return plan.withMetrics(chosen);
    }
}
