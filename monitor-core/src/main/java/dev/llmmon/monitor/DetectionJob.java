package dev.llmmon.monitor;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.Severity;
import dev.llmmon.alert.sink.AlertDispatcher;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.drift.InputDrift;
import dev.llmmon.ingest.internal.ChangeEventReader;
import dev.llmmon.ingest.InputFiles;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.ChangeEvent;
import dev.llmmon.quality.QualityDropDetector;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.spi.AlertSink;
import dev.llmmon.spi.Collector;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;
import dev.llmmon.spi.Embedder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detection over a monitor run: each registered detector turns its collected state and the window series into
 * alerts; the alerts are written to {@code alerts.json} first, then sent to the sinks. The control-chart picture per alert is
 * drawn by llmmon-report ({@code dev.llmmon.report.AlertCharts}) from the outcome.
 */
public final class DetectionJob {
    /**
     * @param plan        charts and baselines
     * @param changes     the team's change events (deploys, model and prompt changes), may be empty
     * @param seriesStore a series store folder: the charts replay its history plus this run's windows, and the
     *                    store is updated; {@code null} charts this run's windows only
     * @param inputDrift  how the users' inputs are sampled for input drift
     * @param embedder    embeds the sampled inputs for input drift, or {@code null} (no input drift)
     */
    public record Options(DetectionPlan plan, List<ChangeEvent> changes, Path seriesStore,
                          InputDrift.Plan inputDrift, Embedder embedder) {
        public Options {
            changes = List.copyOf(changes);
        }

        public Options(DetectionPlan plan, List<ChangeEvent> changes) {
            this(plan, changes, null, InputDrift.Plan.defaults(), null);
        }

        public static Options defaults() {
            return new Options(DetectionPlan.defaults(), List.of());
        }

        /** Input drift: inputs sampled by that plan, embedded by that embedder. */
        public Options withInputDrift(InputDrift.Plan plan, Embedder value) {
            return new Options(this.plan, changes, seriesStore, plan, value);
        }

        public Options withSeriesStore(Path value) {
            return new Options(plan, changes, value, inputDrift, embedder);
        }
    }

    /**
     * @param report     the control-chart runs and their alerts
     * @param alerts     every alert of the run, in time order
     * @param dispatch   what was delivered where
     * @param changes    the change events the run was given (the HTML report marks them on its charts)
     * @param notes      what the run's log and report say about detection besides the charts (input drift on or
     *                   off and why, the judge-quality charts)
     */
    public record Outcome(DetectionReport report, List<Alert> alerts, AlertDispatcher.DispatchReport dispatch,
                          List<ChangeEvent> changes, List<String> notes) {
        public Outcome {
            changes = List.copyOf(changes);
            notes = List.copyOf(notes);
        }

        public Outcome(DetectionReport report, List<Alert> alerts, AlertDispatcher.DispatchReport dispatch,
                       List<ChangeEvent> changes) {
            this(report, alerts, dispatch, changes, List.of());
        }

        /** This outcome with one more sentence for the run's log and report. */
        public Outcome withNote(String note) {
            List<String> all = new ArrayList<>(notes);
            all.add(note);
            return new Outcome(report, alerts, dispatch, changes, all);
        }

        /** Open alerts of that severity or worse: what {@code failOnAlert} fails on. */
        public List<Alert> failing(Severity threshold) {
            return alerts.stream().filter(a -> a.open() && a.severity().atLeast(threshold)).toList();
        }

        public List<SeriesRun> warmingUp() {
            return report.warmingUp();
        }
    }

    private DetectionJob() {
    }

    /** Detection by the standard detectors (the ones {@link Monitor#run(MonitorConfig)} collects for). */
    public static Outcome run(MonitorResult result, Options options, Path outDir, List<AlertSink> sinks)
            throws IOException {
        return run(result, Detectors.standard(options), options, outDir, sinks);
    }

    /** Detection by these detectors, whose states the monitor run collected. */
    public static Outcome run(MonitorResult result, List<Detector<?>> detectors, Options options, Path outDir,
                              List<AlertSink> sinks) throws IOException {
        DetectionInput input = new DetectionInput(result.windows(),
                result.quality() == null ? List.of() : result.quality().points(),
                result.aggregation().window().duration(), options.changes(),
                result.quality() == null ? List.of() : result.quality().scores());
        List<Alert> alerts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        DetectionReport report = null;
        for (Detector<?> detector : detectors) {
            Detector.Findings findings = detect(detector, result, input);
            alerts.addAll(findings.alerts());
            if (findings.detail() instanceof DetectionReport charted) {
                report = charted;
            }
            if (findings.detail() instanceof QualityDropDetector.Report quality && !quality.charts().isEmpty()) {
                notes.add(quality.describe());
            }
        }
        if (report == null) {
            throw new IllegalArgumentException("the detectors must include the control charts (ControlCharts)");
        }
        alerts.sort(Comparator.comparing(Alert::windowStart).thenComparing(Alert::id));

        Files.createDirectories(outDir);
        AlertDispatcher.DispatchReport dispatch = new AlertDispatcher(outDir.resolve("alerts.json"), sinks)
                .dispatch(alerts);
        return new Outcome(report, List.copyOf(alerts), dispatch, options.changes(), notes);
    }

    private static <C extends Collector<C>> Detector.Findings detect(Detector<C> detector, MonitorResult result,
                                                                    DetectionInput input) throws IOException {
        C state = result.state(detector.stateType()).orElseThrow(() -> new IllegalStateException(
                detector.getClass().getSimpleName() + "'s state (" + detector.stateType().getSimpleName()
                        + ") was not collected: run the monitor with the same detectors"));
        return detector.detect(state, input);
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
