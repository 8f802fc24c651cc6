package dev.llmmon.monitor;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.Severity;
import dev.llmmon.alert.sink.LogAlertSink;
import dev.llmmon.spi.Embedder;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.ChangeEvent;
import dev.llmmon.spi.Detector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One monitoring job: read the logs, aggregate windows and the detectors' states, check thresholds, detect, write
 * {@code alerts.json} and send alerts; the {@link Run} then says whether the run fails and why.
 */
public final class MonitorJob {

    /** Where the job reports progress (the Maven log, a logger). */
    public interface Log {
        void info(String line);

        void warn(String line);

        /** Called once the input is read, before detection (to print a table of the windows, say). */
        default void read(MonitorResult result) {
        }
    }

    /**
     * @param result     the windows and the account of the input
     * @param violations threshold violations
     * @param detection  the detection outcome, {@code null} when detection is off
     * @param config     the job's configuration
     */
    public record Run(MonitorResult result, List<Thresholds.Violation> violations, DetectionJob.Outcome detection,
                      MonitoringConfig config) {
        /** Whether and why the run fails: the input first (empty, too much rejected), then threshold violations, then open alerts. */
        public Verdict verdict(Path reportDir) {
            String inputFailure = config.input().failure(result);
            if (inputFailure != null) {
                return Verdict.fail(inputFailure);
            }
            String warning = null;
            if (!violations.isEmpty()) {
                StringBuilder message = new StringBuilder(violations.size() + " threshold violation(s):");
                violations.stream().limit(10).forEach(v -> message.append("\n  ").append(v));
                if (violations.size() > 10) {
                    message.append("\n  ... see ").append(reportDir).append("/report.json");
                }
                if (config.failOnViolation()) {
                    return Verdict.fail(message.toString());
                }
                warning = message + "\n(llmmon.failOnViolation=false: not failing the build)";
            }
            Severity threshold = config.alerting().failOnAlert();
            if (detection != null && threshold != null) {
                List<Alert> failing = detection.failing(threshold);
                if (!failing.isEmpty()) {
                    StringBuilder message = new StringBuilder(failing.size() + " open alert(s) of severity "
                            + threshold + " or worse (llmmon.failOnAlert):");
                    failing.stream().limit(10).forEach(a -> message.append("\n  ").append(LogAlertSink.line(a)));
                    return Verdict.fail(message.toString());
                }
            }
            return new Verdict(null, warning);
        }
    }

    /**
     * @param failure why the run fails, {@code null} when it passes
     * @param warning what to report without failing, or {@code null}
     */
    public record Verdict(String failure, String warning) {
        static Verdict fail(String message) {
            return new Verdict(message, null);
        }

        public boolean fails() {
            return failure != null;
        }
    }

    /**
     * How a job reads the logs into windows and the detectors' states: {@link Monitor#run(MonitorConfig, List)} on
     * this machine, or a distributed engine that merges partial states (the Spark job); everything after it is the
     * same.
     */
    @FunctionalInterface
    public interface Collect {
        MonitorResult collect(MonitorConfig read, List<Detector<?>> detectors) throws IOException;
    }

    private MonitorJob() {
    }

    /**
     * Runs the job; alerts go to {@code outDir/alerts.json} and the sinks.
     *
     * @param loader where the offline embedder and user detectors are looked up
     */
    public static Run run(MonitoringConfig config, Path outDir, Log log, ClassLoader loader) throws IOException {
        return run(config, outDir, log, loader, System::getenv);
    }

    /** Runs the job with the logs read by {@code collect} (a distributed engine, say) instead of this machine. */
    public static Run run(MonitoringConfig config, Path outDir, Log log, ClassLoader loader, Collect collect)
            throws IOException {
        return run(config, outDir, log, loader, System::getenv, collect);
    }

    static Run run(MonitoringConfig config, Path outDir, Log log, ClassLoader loader,
                   Function<String, String> environment) throws IOException {
        return run(config, outDir, log, loader, environment, Monitor::run);
    }

    private static Run run(MonitoringConfig config, Path outDir, Log log, ClassLoader loader,
                           Function<String, String> environment, Collect collect) throws IOException {
        MonitorConfig read = config.read();
        DetectionSettings settings = config.detection();
        if (!settings.enabled()) {
            MonitorResult result = collect.collect(read, List.of());
            report(result, log);
            return new Run(result, config.thresholds().check(result.windows()), null, config);
        }
        Rejections changeRejections = Rejections.of(false);
        List<ChangeEvent> events = DetectionJob.readChanges(read.baseDir(), settings.changes(), changeRejections);
        try (Embedder embedder = settings.inputDrift().open(loader)) {
            String inputDrift = settings.inputDrift().describe(embedder);
            log.info("llmmon: " + inputDrift);
            DetectionJob.Options options = new DetectionJob.Options(settings.plan(), events)
                    .withSeriesStore(settings.seriesStore())
                    .withInputDrift(settings.inputDrift().plan(), embedder);
            List<Detector<?>> detectors = Detectors.withServices(options, loader);
            MonitorResult result = collect.collect(read, detectors);
            report(result, log);
            List<Thresholds.Violation> violations = config.thresholds().check(result.windows());
            if (changeRejections.total() > 0) {
                log.warn("llmmon: rejected " + changeRejections.total() + " change event line(s), e.g. "
                        + changeRejections.examples().get(0));
            }
            DetectionJob.Outcome outcome = DetectionJob.run(result, detectors, options, outDir,
                    config.alerting().sinks(line -> log.warn("llmmon: " + line), environment));
            outcome.notes().forEach(note -> log.info("llmmon: " + note));
            outcome = outcome.withNote(inputDrift);
            long open = outcome.alerts().stream().filter(Alert::open).count();
            log.info("llmmon: detection (" + settings.plan().chart() + ", "
                    + outcome.report().calibration().describe() + "): " + outcome.alerts().size() + " alert(s), "
                    + open + " open; " + outcome.warmingUp().size() + " series still collecting their baseline");
            outcome.dispatch().notDelivered().forEach(d -> log.warn("llmmon: alert not delivered: " + d
                    + " (it stays in alerts.json and is retried next run)"));
            return new Run(result, violations, outcome, config);
        }
    }

    /** The account of the input: counts, rejections, orphan signals, unpriced models. */
    private static void report(MonitorResult result, Log log) {
        Rejections rejections = result.rejections();
        log.info(String.format(Locale.ROOT, "llmmon: %,d requests from %d file(s) (%,d lines, %,d blank), %,d rejected,"
                        + " %,d duplicates, %,d skipped, %d window rows", result.ingest().records(),
                result.ingest().files().size(), result.ingest().lines(), rejections.blankLines(), rejections.total(),
                result.ingest().duplicates(), rejections.skippedTotal(), result.windows().size()));
        if (rejections.spansGiven() > 0) {
            log.info(String.format(Locale.ROOT, "llmmon: %,d OTLP span(s) given%s", rejections.spansGiven(),
                    rejections.spansInRejectedLines() == 0 ? "" : String.format(Locale.ROOT,
                            ", %,d of them in lines rejected as a whole (counted by their spanId keys)",
                            rejections.spansInRejectedLines())));
        }
        // records, not lines: an OTLP line is a batch of spans, each rejected or skipped on its own
        rejections.counts().forEach((reason, n) -> log.warn("llmmon: rejected " + n + " record(s): "
                + reason.name().toLowerCase(Locale.ROOT) + ", e.g. " + rejections.examples(reason).get(0)));
        rejections.skipped().forEach((kind, n) -> log.info("llmmon: skipped " + n + " record(s) that are not model"
                + " calls: " + kind));
        Rejections signalRejections = result.signalRejections();
        signalRejections.counts().forEach((reason, n) -> log.warn("llmmon: rejected " + n + " user signal line(s): "
                + reason.name().toLowerCase(Locale.ROOT) + ", e.g. " + signalRejections.examples(reason).get(0)));
        if (result.orphanSignals() > 0) {
            log.warn("llmmon: " + result.orphanSignals() + " user signal(s) refer to requests not in the logs");
        }
        if (!result.unpricedModels().isEmpty()) {
            log.warn("llmmon: cost unknown for some requests of " + result.unpricedModels()
                    + " (no cost_usd logged and no price; see llmmon.pricing)");
        }
        // never a silent zero: a file that gave nothing (or little) says why
        result.rejections().notes().forEach(note -> log.warn("llmmon: " + note));
        log.read(result);
    }
}
