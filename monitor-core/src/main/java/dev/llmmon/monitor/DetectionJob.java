package dev.llmmon.monitor;

import dev.llmmon.spi.AlertSink;
import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertChart;
import dev.llmmon.alert.sink.AlertDispatcher;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.drift.ColumnDrift;
import dev.llmmon.drift.CostAnomalies;
import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.series.SeriesSet;
import dev.llmmon.series.SeriesStore;
import dev.llmmon.alert.Severity;
import dev.llmmon.drift.SliceDrift;
import dev.llmmon.drift.TokenBloat;
import dev.llmmon.client.Embedder;
import dev.llmmon.drift.ProviderChangeDetector;
import dev.llmmon.ingest.ChangeEventReader;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.ChangeEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Detection over a monitor run: control charts replayed over every (feature, model, metric) series, seasonal cost
 * anomalies and token bloat (hourly windows), input drift in the slices' mix, suspected provider-side changes; alerts are written to
 * {@code alerts.json} first, then sent to the sinks, each with a control-chart picture.
 */
public final class DetectionJob {
    /**
     * @param plan           charts and baselines
     * @param changes        the team's change events (deploys, model and prompt changes), may be empty
     * @param charts         draw a PNG per control-chart alert
     * @param embedder       embeds the sampled inputs for input drift, or {@code null} (no input drift)
     * @param seriesStore    a series store folder: the charts replay its history plus this run's windows, and the
     *                       store is updated; {@code null} charts this run's windows only
     */
    public record Options(DetectionPlan plan, List<ChangeEvent> changes, boolean charts, Embedder embedder,
                          Path seriesStore) {
        public Options {
            changes = List.copyOf(changes);
        }

        public Options(DetectionPlan plan, List<ChangeEvent> changes, boolean charts) {
            this(plan, changes, charts, null, null);
        }

        public static Options defaults() {
            return new Options(DetectionPlan.defaults(), List.of(), true, null, null);
        }

        public Options withEmbedder(Embedder value) {
            return new Options(plan, changes, charts, value, seriesStore);
        }

        public Options withSeriesStore(Path value) {
            return new Options(plan, changes, charts, embedder, value);
        }
    }

    /**
     * @param report     the control-chart runs and their alerts
     * @param alerts     every alert of the run (charts, cost, token bloat, provider changes), in time order
     * @param dispatch   what was delivered where
     * @param charts     pictures written, by alert id
     */
    public record Outcome(DetectionReport report, List<Alert> alerts, AlertDispatcher.DispatchReport dispatch,
                          Map<String, Path> charts) {
        /** Open alerts of that severity or worse: what {@code failOnAlert} fails on. */
        public List<Alert> failing(Severity threshold) {
            return alerts.stream().filter(a -> a.open() && a.severity().atLeast(threshold)).toList();
        }

        public List<SeriesRun> warmingUp() {
            return report.warmingUp();
        }
    }

    /** Slice mixes, token counts and finish-reason mixes are compared day by day with the first two days of the logs. */
    static final int SLICE_REFERENCE_DAYS = 2;

    private DetectionJob() {
    }

    public static Outcome run(MonitorResult result, Options options, Path outDir, List<AlertSink> sinks)
            throws IOException {
        Map<String, Instant> behaviourChanges = latestBehaviourChanges(options.changes());
        DetectionPlan plan = withChanges(options.plan(), behaviourChanges);
        List<dev.llmmon.judge.QualityPoint> quality = result.quality() == null ? List.of() : result.quality().points();
        DetectionReport report;
        if (options.seriesStore() == null) {
            report = Detection.run(plan, result.windows(), quality);
        } else {
            // long histories: the store keeps every window's value; this run's logs only add the recent ones
            SeriesSet fresh = SeriesSet.from(result.windows(), quality, plan.metrics());
            report = Detection.run(plan, new SeriesStore(options.seriesStore()).update(fresh));
        }
        List<Alert> alerts = new ArrayList<>(report.alerts());
        if (result.aggregation().window().duration().equals(Duration.ofHours(1))) {
            alerts.addAll(CostAnomalies.detect(CostAnomalies.Plan.defaults(), result.windows()).alerts());
        }
        TokenBloat.Plan bloat = TokenBloat.Plan.defaults();
        for (Map.Entry<String, Instant> change : behaviourChanges.entrySet()) {
            bloat = bloat.withChange(change.getKey(), change.getValue());
        }
        alerts.addAll(TokenBloat.detect(bloat, result.windows()).alerts());
        alerts.addAll(SliceDrift.detect(result.windows(), SLICE_REFERENCE_DAYS).alerts());
        alerts.addAll(ColumnDrift.detect(result.columns(), SLICE_REFERENCE_DAYS).alerts());
        if (result.inputDrift() != null && options.embedder() != null) {
            alerts.addAll(result.inputDrift().detect(options.embedder()).alerts());
        }
        alerts.addAll(providerAlerts(result.providerChanges(), options.changes()));
        alerts.sort(Comparator.comparing(Alert::windowStart).thenComparing(Alert::id));

        Files.createDirectories(outDir);
        Map<String, Path> pictures = new HashMap<>();
        if (options.charts()) {
            Path dir = outDir.resolve("alerts");
            for (Alert alert : report.alerts()) {
                Optional<SeriesRun> run = SeriesMetric.parse(alert.metric())
                        .flatMap(m -> report.run(new SeriesKey(alert.feature(), alert.model(), m)));
                if (run.isPresent()) {
                    Files.createDirectories(dir);
                    pictures.put(alert.id(), AlertChart.writePng(run.get(), alert, dir.resolve(alert.id() + ".png")).file());
                }
            }
        }
        AlertDispatcher.DispatchReport dispatch = new AlertDispatcher(outDir.resolve("alerts.json"), sinks)
                .dispatch(alerts);
        return new Outcome(report, List.copyOf(alerts), dispatch, Map.copyOf(pictures));
    }

    /** Model and prompt changes anchor the "before the last model change" baseline and token-bloat checks. */
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

    /** Per feature, the latest model or prompt change among the events that name a feature. */
    static Map<String, Instant> latestBehaviourChanges(List<ChangeEvent> changes) {
        Map<String, Instant> latest = new HashMap<>();
        for (ChangeEvent e : changes) {
            if (e.changesBehaviour() && e.featureId() != null) {
                latest.merge(e.featureId(), e.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return latest;
    }

    /**
     * Suspected provider-side changes as alerts, one per model and first window (the features that showed it are
     * listed): MAJOR, open (nothing in the logs can close it). A feature's behaviour shift that its own logged
     * model or prompt change explains (one inside the suspected period, or inside the reference week it was
     * compared with) is not a provider change and is dropped; a new system fingerprint never is.
     */
    static List<Alert> providerAlerts(List<ProviderChangeDetector.SuspectedChange> changes, List<ChangeEvent> events) {
        Map<String, Map<Instant, List<ProviderChangeDetector.SuspectedChange>>> byModel = new TreeMap<>();
        for (ProviderChangeDetector.SuspectedChange change : changes) {
            if (!change.fingerprint() && explainedByOwnChange(change, events)) {
                continue;
            }
            byModel.computeIfAbsent(change.model(), m -> new TreeMap<>())
                    .computeIfAbsent(change.windowStart(), w -> new ArrayList<>()).add(change);
        }
        List<Alert> alerts = new ArrayList<>();
        byModel.forEach((model, starts) -> starts.forEach((start, found) -> {
            Instant last = found.stream().map(ProviderChangeDetector.SuspectedChange::lastWindow)
                    .max(Instant::compareTo).orElseThrow();
            String reasons = found.stream().map(c -> c.feature() + ": " + String.join("; ", c.reasons()))
                    .collect(Collectors.joining(" | "));
            alerts.add(Alert.of(AlertKind.PROVIDER_CHANGE, "*", model, "model_behaviour", start).windowEnd(last)
                    .severity(Severity.MAJOR).describedBy("provider-change",
                            "suspected provider-side change of " + model + " (" + reasons + ")").build());
        }));
        return alerts;
    }

    private static boolean explainedByOwnChange(ProviderChangeDetector.SuspectedChange change, List<ChangeEvent> events) {
        Instant from = change.windowStart().minus(Monitor.PROVIDER_WINDOW.multipliedBy(
                Monitor.PROVIDER_REFERENCE_DAYS));
        Instant end = change.lastWindow().plus(Monitor.PROVIDER_WINDOW);
        return events.stream().anyMatch(e -> e.changesBehaviour() && change.feature().equals(e.featureId())
                && !e.timestamp().isBefore(from) && e.timestamp().isBefore(end));
    }

    /** Reads change events from files, folders or globs. */
    public static List<ChangeEvent> readChanges(Path baseDir, List<String> specs, Rejections rejections)
            throws IOException {
        List<ChangeEvent> out = new ArrayList<>();
        if (specs.isEmpty()) {
            return out;
        }
        ChangeEventReader reader = new ChangeEventReader();
        for (Path file : InputFiles.expand(baseDir, specs)) {
            try (InputStream in = InputFiles.open(file)) {
                reader.read(in, file.toString(), out::add, rejections);
            }
        }
        return out;
    }
}
