package dev.llmmon.maven;

import dev.llmmon.spi.AlertSink;
import dev.llmmon.alert.Alert;
import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.ChartType;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.drift.InputDrift;
import dev.llmmon.alert.sink.LogAlertSink;
import dev.llmmon.client.ApiKey;
import dev.llmmon.client.ClientSettings;
import dev.llmmon.client.Embedder;
import dev.llmmon.client.OpenAiEmbedder;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.alert.Severity;
import dev.llmmon.alert.sink.SlackWebhookSink;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.WindowSize;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.record.ChangeEvent;
import okhttp3.OkHttpClient;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.monitor.Metric;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;
import dev.llmmon.report.ConsoleTable;
import dev.llmmon.report.ReportFormat;
import dev.llmmon.report.Reports;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Reads exported LLM request logs, computes window metrics per feature and model, writes JSON, Markdown and
 * Prometheus reports, prints a table, and fails the build when a static threshold is exceeded.
 * Runs with or without a project: {@code mvn dev.llmmon:llmmon-maven-plugin:VERSION:monitor -Dllmmon.logs=...}.
 */
@Mojo(name = "monitor", requiresProject = false, threadSafe = true)
public class MonitorMojo extends AbstractLogsMojo {

    /** Where the reports go (also without a project, hence basedir rather than the build directory). */
    @Parameter(property = "llmmon.outputDirectory", defaultValue = "${basedir}/target/llmmon")
    private File outputDirectory;

    /** Which reports to write: {@code json}, {@code markdown}, {@code prometheus}. */
    @Parameter(property = "llmmon.reportFormats", defaultValue = "json,markdown,prometheus")
    private List<String> reportFormats;

    /** A judgement store (written by {@code llmmon:judge}) whose quality series join the report. */
    @Parameter(property = "llmmon.judgements")
    private File judgements;

    /** Keep latencies in a DDSketch (bounded memory) instead of exactly. */
    @Parameter(property = "llmmon.sketch", defaultValue = "false")
    private boolean sketch;

    /** The sketch's relative accuracy on percentiles. */
    @Parameter(property = "llmmon.sketchAccuracy", defaultValue = "0.01")
    private double sketchAccuracy;

    /** A pricing table (YAML/JSON) that extends and overrides the built-in one. */
    @Parameter(property = "llmmon.pricing")
    private File pricing;

    /** Maximum error rate per window (0 = off). */
    @Parameter(property = "llmmon.maxErrorRate", defaultValue = "0")
    private String maxErrorRate;

    /** Maximum refusal rate per window (0 = off). */
    @Parameter(property = "llmmon.maxRefusalRate", defaultValue = "0")
    private String maxRefusalRate;

    /** Maximum p95 latency in milliseconds per window (0 = off). */
    @Parameter(property = "llmmon.maxP95LatencyMs", defaultValue = "0")
    private String maxP95LatencyMs;

    /** Maximum p99 latency in milliseconds per window (0 = off). */
    @Parameter(property = "llmmon.maxP99LatencyMs", defaultValue = "0")
    private String maxP99LatencyMs;

    /** Maximum mean cost per request in USD per window (0 = off). */
    @Parameter(property = "llmmon.maxCostPerRequest", defaultValue = "0")
    private String maxCostPerRequest;

    /** Maximum mean input tokens per request per window (0 = off): catches prompt bloat. */
    @Parameter(property = "llmmon.maxMeanInputTokens", defaultValue = "0")
    private String maxMeanInputTokens;

    /** Maximum mean output tokens per request per window (0 = off). */
    @Parameter(property = "llmmon.maxMeanOutputTokens", defaultValue = "0")
    private String maxMeanOutputTokens;

    /** Per-feature limits that override the global ones. */
    @Parameter
    private List<FeatureThreshold> featureThresholds;

    /** Windows with fewer requests are not checked against thresholds. */
    @Parameter(property = "llmmon.minRequests", defaultValue = "20")
    private long minRequests;

    /** Fail the build on a threshold violation; {@code false} only reports it. */
    @Parameter(property = "llmmon.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /** Replay control charts, cost-anomaly, token-bloat and provider-change detection over the windows. */
    @Parameter(property = "llmmon.detect", defaultValue = "true")
    private boolean detect;

    /**
     * The control chart: {@code ewma} (λ=0.1), {@code cusum} (k=0.5), {@code legacy} (comparison only). Their limits
     * (L, h) are set from {@link #detectFamilyArl}.
     */
    @Parameter(property = "llmmon.chart", defaultValue = "ewma")
    private String chart;

    /**
     * How rarely all charts of a run together should false-alarm, as an in-control average run length in windows
     * (hourly: 500 ≈ three weeks). With m series each chart's limit is set for an ARL0 of m × this. {@code 0}: each
     * chart keeps its textbook limit (L=2.814, h=5; ARL0 ≈ 500 per chart, so m charts alarm about m times as often).
     */
    @Parameter(property = "llmmon.detectFamilyArl", defaultValue = "500")
    private double detectFamilyArl;

    /** Which series to chart (default all): {@code error_rate,latency_p95_ms,quality_mean,...}; fewer series, fewer false alarms. */
    @Parameter(property = "llmmon.detectMetrics")
    private List<String> detectMetrics;

    /** Windows with fewer requests are skipped by the charts (judge-quality series use their own minimum of 10 judged). */
    @Parameter(property = "llmmon.detectMinRequests", defaultValue = "20")
    private long detectMinRequests;

    /** Baseline: the first N usable windows of each series (ignored when a pinned range or a change span is set). */
    @Parameter(property = "llmmon.baselineWindows", defaultValue = "30")
    private int baselineWindows;

    /** Pinned baseline start (ISO-8601 instant), with {@code baselineTo}. */
    @Parameter(property = "llmmon.baselineFrom")
    private String baselineFrom;

    /** Pinned baseline end (ISO-8601 instant, exclusive). */
    @Parameter(property = "llmmon.baselineTo")
    private String baselineTo;

    /** Baseline = this span before the last model change of each feature ({@code 14d}); changes come from the logs and {@code changes}. */
    @Parameter(property = "llmmon.baselineBeforeChange")
    private String baselineBeforeChange;

    /** Trailing baseline: this span ({@code 14d}) ending {@code baselineRecent} before the end of the logs. */
    @Parameter(property = "llmmon.baselineTrailing")
    private String baselineTrailing;

    /** With {@code baselineTrailing}: the recent part that is charted against it ({@code 1d}). */
    @Parameter(property = "llmmon.baselineRecent", defaultValue = "1d")
    private String baselineRecent;

    /** Change events (JSONL: deploys, model and prompt changes) used for baselines and token-bloat checks. */
    @Parameter(property = "llmmon.changes")
    private List<String> changes;

    /** Fail the build on an OPEN alert of this severity or worse: {@code critical}, {@code major}, {@code minor}; {@code none} only reports. */
    @Parameter(property = "llmmon.failOnAlert", defaultValue = "none")
    private String failOnAlert;

    /** A Slack-compatible incoming-webhook URL for alerts; a secret, never logged. Prefer {@code webhookUrlEnv}. */
    @Parameter(property = "llmmon.webhookUrl")
    private String webhookUrl;

    /** Environment variable holding the webhook URL. */
    @Parameter(property = "llmmon.webhookUrlEnv", defaultValue = "LLMMON_WEBHOOK_URL")
    private String webhookUrlEnv;

    /**
     * Input drift in embedding space: {@code none}, {@code minilm} (offline; add
     * {@code dev.llmmon:llmmon-embeddings-minilm} as a plugin dependency) or {@code openai} (an OpenAI-compatible
     * {@code /embeddings} endpoint, see {@code inputDriftBaseUrl}). Reads the inputs' text, so it costs ingest speed.
     */
    @Parameter(property = "llmmon.inputDrift", defaultValue = "none")
    private String inputDrift;

    /** Share of requests whose input is embedded (at most 100 per feature and day). */
    @Parameter(property = "llmmon.inputDriftRate", defaultValue = "0.10")
    private double inputDriftRate;

    /** For {@code inputDrift=openai}: base URL of the embeddings API. */
    @Parameter(property = "llmmon.inputDriftBaseUrl", defaultValue = "https://api.openai.com/v1")
    private String inputDriftBaseUrl;

    /** For {@code inputDrift=openai}: the embedding model. */
    @Parameter(property = "llmmon.inputDriftModel", defaultValue = "text-embedding-3-small")
    private String inputDriftModel;

    /** For {@code inputDrift=openai}: environment variable holding the key. */
    @Parameter(property = "llmmon.inputDriftApiKeyEnv", defaultValue = "OPENAI_API_KEY")
    private String inputDriftApiKeyEnv;

    /**
     * A series store folder (one small CSV per feature, model and metric; commit it or cache it in CI): the charts
     * replay its history plus this run's windows, so a scheduled job can read only the recent logs.
     */
    @Parameter(property = "llmmon.seriesStore")
    private File seriesStore;

    /** Draw a control-chart PNG per alert into {@code alerts/}. */
    @Parameter(property = "llmmon.alertCharts", defaultValue = "true")
    private boolean alertCharts;

    /** Survivorship-bias warning: abandonment above this ... */
    @Parameter(property = "llmmon.survivorship.maxAbandonment", defaultValue = "0.30")
    private double survivorshipMaxAbandonment;

    /** ... while explicit positive feedback is above this. */
    @Parameter(property = "llmmon.survivorship.minPositive", defaultValue = "0.80")
    private double survivorshipMinPositive;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        MonitorConfig config = config();
        Thresholds thresholds = thresholds();
        MonitorResult result;
        try {
            result = Monitor.run(config);
        } catch (RejectedInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the logs: " + e.getMessage(), e);
        }
        List<Thresholds.Violation> violations = thresholds.check(result.windows());

        getLog().info(String.format(java.util.Locale.ROOT, "llmmon: %,d requests from %d file(s), %,d rejected, %,d duplicates, %d window rows",
                result.ingest().records(), result.ingest().files().size(), result.rejections().total(),
                result.ingest().duplicates(), result.windows().size()));
        result.rejections().counts().forEach((reason, n) -> getLog().warn("llmmon: rejected " + n + " line(s): "
                + reason.name().toLowerCase() + ", e.g. " + result.rejections().examples(reason).get(0)));
        if (result.orphanSignals() > 0) {
            getLog().warn("llmmon: " + result.orphanSignals() + " user signal(s) refer to requests not in the logs");
        }
        if (!result.unpricedModels().isEmpty()) {
            getLog().warn("llmmon: cost unknown for some requests of " + result.unpricedModels()
                    + " (no cost_usd logged and no price; see llmmon.pricing)");
        }
        ConsoleTable.lines(result).forEach(line -> getLog().info(line));

        DetectionJob.Outcome detection = detect ? detect(result) : null;

        List<Path> written;
        try {
            String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
            written = Reports.write(outputDirectory.toPath(), formats(), result, violations, detection,
                    stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write reports to " + outputDirectory + ": " + e.getMessage(), e);
        }
        written.forEach(p -> getLog().info("llmmon: wrote " + p));

        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(violations.size() + " threshold violation(s):");
            violations.stream().limit(10).forEach(v -> message.append("\n  ").append(v));
            if (violations.size() > 10) {
                message.append("\n  ... see ").append(outputDirectory).append("/report.json");
            }
            if (failOnViolation) {
                throw new MojoFailureException(message.toString());
            }
            getLog().warn("llmmon: " + message + "\n(llmmon.failOnViolation=false: not failing the build)");
        }
        if (detection != null && !"none".equalsIgnoreCase(failOnAlert.trim())) {
            Severity threshold = severity();
            List<Alert> failing = detection.failing(threshold);
            if (!failing.isEmpty()) {
                StringBuilder message = new StringBuilder(failing.size() + " open alert(s) of severity "
                        + threshold + " or worse (llmmon.failOnAlert):");
                failing.stream().limit(10).forEach(a -> message.append("\n  ").append(LogAlertSink.line(a)));
                throw new MojoFailureException(message.toString());
            }
        }
    }

    private DetectionJob.Outcome detect(MonitorResult result) throws MojoExecutionException {
        try {
            Rejections changeRejections = Rejections.of(false);
            List<ChangeEvent> events = DetectionJob.readChanges(basedir().toPath(), clean(changes), changeRejections);
            if (changeRejections.total() > 0) {
                getLog().warn("llmmon: rejected " + changeRejections.total() + " change event line(s), e.g. "
                        + changeRejections.examples().get(0));
            }
            DetectionPlan plan = DetectionPlan.defaults().withChart(ChartType.parse(chart)).withBaseline(baseline())
                    .withMinCount(detectMinRequests).withFamilyArl(detectFamilyArl);
            List<String> metricNames = clean(detectMetrics);
            if (!metricNames.isEmpty()) {
                Set<SeriesMetric> chosen = EnumSet.noneOf(SeriesMetric.class);
                for (String name : metricNames) {
                    chosen.add(SeriesMetric.parse(name).orElseThrow(() -> new IllegalArgumentException(
                            "unknown metric '" + name + "' in llmmon.detectMetrics; use one of "
                                    + java.util.Arrays.stream(SeriesMetric.values()).map(SeriesMetric::id).toList())));
                }
                plan = plan.withMetrics(chosen);
            }
            List<AlertSink> sinks = new ArrayList<>();
            sinks.add(new LogAlertSink(line -> getLog().warn("llmmon: " + line)));
            String url = webhookUrl != null && !webhookUrl.isBlank() ? webhookUrl
                    : webhookUrlEnv == null ? null : System.getenv(webhookUrlEnv);
            if (url != null && !url.isBlank()) {
                sinks.add(SlackWebhookSink.of(url.trim(), new OkHttpClient()));
            }
            if (!"none".equalsIgnoreCase(failOnAlert.trim())) {
                severity(); // fail on a bad value before any work
            }
            DetectionJob.Outcome outcome;
            try (Embedder embedder = embedder()) {
                DetectionJob.Options options = new DetectionJob.Options(plan, events, alertCharts)
                        .withEmbedder(embedder)
                        .withSeriesStore(seriesStore == null ? null : seriesStore.toPath());
                outcome = DetectionJob.run(result, options, outputDirectory.toPath(), sinks);
            }
            long open = outcome.alerts().stream().filter(Alert::open).count();
            getLog().info("llmmon: detection (" + plan.chart() + ", " + outcome.report().calibration().describe() + "): "
                    + outcome.alerts().size() + " alert(s), " + open + " open; " + outcome.warmingUp().size()
                    + " series still collecting their baseline");
            outcome.dispatch().notDelivered().forEach(d -> getLog().warn("llmmon: alert not delivered: " + d
                    + " (it stays in alerts.json and is retried next run)"));
            return outcome;
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: detection failed: " + e.getMessage(), e);
        } catch (dev.llmmon.client.ModelClientException e) {
            throw new MojoExecutionException("llmmon: the embeddings endpoint failed: " + e.getMessage(), e);
        }
    }

    /** The embedder for input drift, {@code null} when off. */
    private Embedder embedder() throws MojoExecutionException {
        String kind = inputDrift.trim().toLowerCase(java.util.Locale.ROOT);
        switch (kind) {
            case "none":
                return null;
            case "openai":
                return new OpenAiEmbedder(ClientSettings.of(inputDriftBaseUrl, inputDriftModel,
                        ApiKey.fromEnv(inputDriftApiKeyEnv)));
            case "minilm":
                return ServiceLoader.load(Embedder.class, getClass().getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(e -> e.model().startsWith("all-minilm"))
                        .findFirst()
                        .orElseThrow(() -> new MojoExecutionException("llmmon: inputDrift=minilm needs the offline "
                                + "model: add dev.llmmon:llmmon-embeddings-minilm as a <dependency> of the plugin"));
            default:
                throw new MojoExecutionException("llmmon: inputDrift is none, minilm or openai, not '" + inputDrift + "'");
        }
    }

    private BaselineSpec baseline() {
        if (baselineFrom != null && !baselineFrom.isBlank()) {
            if (baselineTo == null || baselineTo.isBlank()) {
                throw new IllegalArgumentException("llmmon.baselineFrom needs llmmon.baselineTo");
            }
            return BaselineSpec.pinned(Instant.parse(baselineFrom.trim()), Instant.parse(baselineTo.trim()));
        }
        if (baselineTrailing != null && !baselineTrailing.isBlank()) {
            return BaselineSpec.trailing(WindowSize.parse(baselineTrailing).duration(),
                    WindowSize.parse(baselineRecent).duration());
        }
        if (baselineBeforeChange != null && !baselineBeforeChange.isBlank()) {
            return BaselineSpec.beforeModelChange(WindowSize.parse(baselineBeforeChange).duration());
        }
        return BaselineSpec.firstWindows(baselineWindows);
    }

    private Severity severity() {
        return Severity.parse(failOnAlert.trim());
    }

    private MonitorConfig config() throws MojoExecutionException {
        try {
            MonitorConfig config = logsConfig(new SurvivorshipRule(survivorshipMaxAbandonment,
                    survivorshipMinPositive), sketch, sketchAccuracy);
            if (judgements != null) {
                config = config.withJudgements(judgements.toPath());
            }
            if (detect && !"none".equalsIgnoreCase(inputDrift.trim())) {
                InputDrift.Plan defaults = InputDrift.Plan.defaults();
                config = config.withInputDrift(new InputDrift.Plan(inputDriftRate, defaults.perDay(),
                        defaults.referenceDays(), defaults.alpha(), defaults.permutations()));
            }
            return pricing == null ? config : config.withPricingFile(pricing.toPath());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
    }

    Thresholds thresholds() throws MojoExecutionException {
        Thresholds t = Thresholds.none()
                .max(Metric.ERROR_RATE, limit("maxErrorRate", maxErrorRate))
                .max(Metric.REFUSAL_RATE, limit("maxRefusalRate", maxRefusalRate))
                .max(Metric.LATENCY_P95_MS, limit("maxP95LatencyMs", maxP95LatencyMs))
                .max(Metric.LATENCY_P99_MS, limit("maxP99LatencyMs", maxP99LatencyMs))
                .max(Metric.COST_PER_REQUEST_USD, limit("maxCostPerRequest", maxCostPerRequest))
                .max(Metric.MEAN_INPUT_TOKENS, limit("maxMeanInputTokens", maxMeanInputTokens))
                .max(Metric.MEAN_OUTPUT_TOKENS, limit("maxMeanOutputTokens", maxMeanOutputTokens))
                .minRequests(minRequests);
        if (featureThresholds != null) {
            for (FeatureThreshold f : featureThresholds) {
                if (f.feature == null || f.feature.isBlank()) {
                    throw new MojoExecutionException("llmmon: a <featureThreshold> needs a <feature>");
                }
                String where = "featureThreshold[" + f.feature + "].";
                setIfGiven(t, f.feature, Metric.ERROR_RATE, limit(where + "maxErrorRate", f.maxErrorRate));
                setIfGiven(t, f.feature, Metric.REFUSAL_RATE, limit(where + "maxRefusalRate", f.maxRefusalRate));
                setIfGiven(t, f.feature, Metric.LATENCY_P95_MS, limit(where + "maxP95LatencyMs", f.maxP95LatencyMs));
                setIfGiven(t, f.feature, Metric.LATENCY_P99_MS, limit(where + "maxP99LatencyMs", f.maxP99LatencyMs));
                setIfGiven(t, f.feature, Metric.COST_PER_REQUEST_USD,
                        limit(where + "maxCostPerRequest", f.maxCostPerRequest));
                setIfGiven(t, f.feature, Metric.MEAN_INPUT_TOKENS,
                        limit(where + "maxMeanInputTokens", f.maxMeanInputTokens));
                setIfGiven(t, f.feature, Metric.MEAN_OUTPUT_TOKENS,
                        limit(where + "maxMeanOutputTokens", f.maxMeanOutputTokens));
            }
        }
        return t;
    }

    /** Parses a limit as a BigDecimal (exact, as written); blank means not set, 0 means off. */
    static BigDecimal limit(String name, String value) throws MojoExecutionException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal limit = new BigDecimal(value.trim());
            if (limit.signum() < 0) {
                throw new MojoExecutionException("llmmon: " + name + " must not be negative: " + value);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new MojoExecutionException("llmmon: " + name + " is not a number: '" + value + "'", e);
        }
    }

    private static void setIfGiven(Thresholds t, String feature, Metric metric, BigDecimal limit) {
        if (limit != null) {
            t.max(feature, metric, limit);
        }
    }

    private Set<ReportFormat> formats() throws MojoExecutionException {
        Set<ReportFormat> out = new LinkedHashSet<>();
        try {
            for (String f : clean(reportFormats)) {
                out.add(ReportFormat.parse(f));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        return out;
    }
}
