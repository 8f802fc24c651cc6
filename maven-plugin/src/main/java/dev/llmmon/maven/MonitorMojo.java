package dev.llmmon.maven;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.client.ModelClientException;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.monitor.Alerting;
import dev.llmmon.monitor.DetectionSettings;
import dev.llmmon.monitor.EmbedderChoice;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorJob;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.InputPolicy;
import dev.llmmon.monitor.MonitoringConfig;
import dev.llmmon.monitor.Thresholds;
import dev.llmmon.report.AlertCharts;
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
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** Which reports to write: {@code json}, {@code markdown}, {@code prometheus}, {@code html}. */
    @Parameter(property = "llmmon.reportFormats", defaultValue = "json,markdown,prometheus,html")
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

    /**
     * Which series to chart (default all but judge quality, which the quality-drop detector charts per judgement):
     * {@code error_rate,latency_p95_ms,quality_mean,...}; fewer series, fewer false alarms.
     */
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
     * Input drift in embedding space: {@code auto} (default: on with the offline model when
     * {@code dev.llmmon:llmmon-embeddings-minilm} is a plugin dependency, else off; the log and report.md say which),
     * {@code none} (off), {@code minilm} (the offline model, required) or {@code openai} (an OpenAI-compatible
     * {@code /embeddings} endpoint, see {@code inputDriftBaseUrl}). Reads the inputs' text, so it costs ingest speed.
     */
    @Parameter(property = "llmmon.inputDrift", defaultValue = "auto")
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

    /**
     * Fail the build when more than this share of the input records was rejected (rejected / (accepted + rejected +
     * skipped)); {@code 0} is off, {@code strict} fails at the first rejection instead.
     */
    @Parameter(property = "llmmon.maxRejectedShare", defaultValue = "0.5")
    private String maxRejectedShare;

    /** Fail the build when the logs yield no request record at all (a wrong path or format reads as a calm week). */
    @Parameter(property = "llmmon.failOnEmptyInput", defaultValue = "true")
    private boolean failOnEmptyInput;

    /** Survivorship-bias warning: abandonment above this ... */
    @Parameter(property = "llmmon.survivorship.maxAbandonment", defaultValue = "0.30")
    private double survivorshipMaxAbandonment;

    /** ... while explicit positive feedback is above this. */
    @Parameter(property = "llmmon.survivorship.minPositive", defaultValue = "0.80")
    private double survivorshipMinPositive;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        MonitoringConfig config = config();
        Set<ReportFormat> formats = formats();
        MonitorJob.Run run;
        try {
            run = MonitorJob.run(config, outputDirectory.toPath(), new MojoLog(), getClass().getClassLoader());
        } catch (RejectedInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("llmmon: cannot read the logs or write the alerts: " + e.getMessage(), e);
        } catch (ModelClientException e) {
            throw new MojoExecutionException("llmmon: the embeddings endpoint failed: " + e.getMessage(), e);
        }
        List<Path> written;
        try {
            if (run.detection() != null && config.detection().alertCharts()) {
                AlertCharts.write(outputDirectory.toPath(), run.detection());
            }
            String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
            written = Reports.write(outputDirectory.toPath(), formats, run.result(), run.violations(),
                    run.detection(), stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write reports to " + outputDirectory + ": " + e.getMessage(), e);
        }
        written.forEach(p -> getLog().info("llmmon: wrote " + p));
        MonitorJob.Verdict verdict = run.verdict(outputDirectory.toPath());
        if (verdict.warning() != null) {
            getLog().warn("llmmon: " + verdict.warning());
        }
        if (verdict.fails()) {
            throw new MojoFailureException(verdict.failure());
        }
    }

    /** The job's progress in the Maven log, with the windows' table once the input is read. */
    private final class MojoLog implements MonitorJob.Log {
        @Override
        public void info(String line) {
            getLog().info(line);
        }

        @Override
        public void warn(String line) {
            getLog().warn(line);
        }

        @Override
        public void read(MonitorResult result) {
            ConsoleTable.lines(result).forEach(line -> getLog().info(line));
        }
    }

    /** The parameters as the core's configuration. */
    MonitoringConfig config() throws MojoExecutionException {
        try {
            MonitorConfig read = logsConfig(new SurvivorshipRule(survivorshipMaxAbandonment, survivorshipMinPositive),
                    sketch, sketchAccuracy);
            read = judgements == null ? read : read.withJudgements(judgements.toPath());
            read = pricing == null ? read : read.withPricingFile(pricing.toPath());
            BaselineSpec baseline = BaselineSpec.choose(baselineFrom, baselineTo, baselineTrailing, baselineRecent,
                    baselineBeforeChange, baselineWindows);
            DetectionSettings detection = new DetectionSettings(detect,
                    DetectionSettings.plan(chart, detectFamilyArl, clean(detectMetrics), detectMinRequests, baseline),
                    clean(changes), seriesStore == null ? null : seriesStore.toPath(), alertCharts,
                    new EmbedderChoice(inputDrift, inputDriftRate, inputDriftBaseUrl, inputDriftModel,
                            inputDriftApiKeyEnv));
            return MonitoringConfig.of(read).withDetection(detection).withThresholds(thresholds(), failOnViolation)
                    .withAlerting(new Alerting(webhookUrl, webhookUrlEnv, Alerting.failOn(failOnAlert)))
                    .withInputPolicy(InputPolicy.of(maxRejectedShare, failOnEmptyInput));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
    }

    private Thresholds thresholds() {
        Map<String, String> global = FeatureThreshold.limits(maxErrorRate, maxRefusalRate, maxP95LatencyMs,
                maxP99LatencyMs, maxCostPerRequest, maxMeanInputTokens, maxMeanOutputTokens);
        List<Thresholds.FeatureLimits> perFeature = featureThresholds == null ? List.of()
                : featureThresholds.stream().map(f -> new Thresholds.FeatureLimits(f.feature, f.limits())).toList();
        return Thresholds.of(minRequests, global, perFeature);
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
