package dev.llmmon.monitor;

import dev.llmmon.drift.InputDrift;
import dev.llmmon.drift.DailyColumns;
import dev.llmmon.drift.ProviderChangeDetector;
import dev.llmmon.ingest.Ingest;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.WindowMetrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The outcome of one monitor run: the window metrics and an honest account of the input.
 *
 * @param windows        all metric rows, in time order
 * @param ingest         files, bytes, lines, records accepted and duplicates dropped
 * @param rejections     rejected request lines by reason, with examples
 * @param signalFiles    user-signal files read
 * @param signals        user signals accepted
 * @param orphanSignals  signals whose request was not among the requests read
 * @param signalRejections rejected signal lines
 * @param unpricedModels models with requests whose cost is unknown (no cost logged, no price)
 * @param pricingSource  where the prices came from
 * @param elapsed        wall time of the run
 * @param quality        judge quality per window, feature and model, {@code null} without a judgement store
 * @param providerChanges suspected silent provider-side changes: the same model id behaving differently
 * @param inputDrift     the sampled inputs for embedding drift, {@code null} unless configured
 * @param columns        per feature and day: finish-reason mix and a sample of token counts, for column drift
 */
public record MonitorResult(AggregationOptions aggregation, List<WindowMetrics> windows, Ingest.Stats ingest,
                            Rejections rejections, List<Path> signalFiles, long signals, long orphanSignals,
                            Rejections signalRejections, Set<String> unpricedModels, String pricingSource,
                            Duration elapsed, QualitySeries quality,
                            List<ProviderChangeDetector.SuspectedChange> providerChanges,
                            InputDrift inputDrift, List<DailyColumns.Column> columns) {
}
