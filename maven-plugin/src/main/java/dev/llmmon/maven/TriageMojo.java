package dev.llmmon.maven;

import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.metrics.WindowSize;
import dev.llmmon.redact.Redactor;
import dev.llmmon.report.TriageAllure;
import dev.llmmon.triage.TriageConfig;
import dev.llmmon.triage.TriageJob;
import dev.llmmon.triage.TriageResult;
import dev.llmmon.triage.TriageTarget;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * From an alert to a post-mortem: a redacted review bundle of the alert's responses, the slices that explain the
 * regression, its change point and the change events near it, and the commands for the next steps, in
 * {@code triage.md}, {@code triage.json} and {@code triage-bundle.json}. Core ({@code dev.llmmon.triage}) does the
 * work; this goal binds {@code llmmon.triage.*}.
 */
@Mojo(name = "triage", requiresProject = false, threadSafe = true)
public class TriageMojo extends AbstractLogsMojo {

    /** The alert to triage: an id from the monitor's {@code alerts.json}. */
    @Parameter(property = "llmmon.triage.alertId")
    private String alertId;

    /** The monitor's {@code alerts.json}. */
    @Parameter(property = "llmmon.triage.alerts", defaultValue = "${basedir}/target/llmmon/alerts.json")
    private File alerts;

    /** Without an alert: the feature. */
    @Parameter(property = "llmmon.triage.feature")
    private String feature;

    /** Without an alert: one model of the feature (default all). */
    @Parameter(property = "llmmon.triage.model")
    private String model;

    /** The metric (default the alert's): error_rate, quality_flagged_rate, latency_p95_ms, ... */
    @Parameter(property = "llmmon.triage.metric")
    private String metric;

    /** Without an alert: the window's start (ISO-8601). */
    @Parameter(property = "llmmon.triage.from")
    private String from;

    /** Without an alert: the window's end (ISO-8601, exclusive). */
    @Parameter(property = "llmmon.triage.to")
    private String to;

    /** The judge's store: judge metrics, and judge scores in the bundle. Optional unless the metric is the judge's. */
    @Parameter(property = "llmmon.judgements", defaultValue = "${basedir}/.llmmon/judgements.jsonl")
    private File judgements;

    /** Change events (JSONL: deploys, model and prompt changes). */
    @Parameter(property = "llmmon.changes")
    private List<String> changes;

    /** Length of the reference period before the window (or before the change point's interval). */
    @Parameter(property = "llmmon.triage.reference", defaultValue = "48h")
    private String reference;

    /** A pinned reference start (ISO-8601). */
    @Parameter(property = "llmmon.triage.referenceFrom")
    private String referenceFrom;

    /** A pinned reference end (ISO-8601). */
    @Parameter(property = "llmmon.triage.referenceTo")
    private String referenceTo;

    /** Responses in the review bundle. */
    @Parameter(property = "llmmon.triage.bundleSize", defaultValue = "20")
    private int bundleSize;

    /** The bundle's strata (dimensions, comma-separated). */
    @Parameter(property = "llmmon.triage.stratifyBy", defaultValue = "model,query_category")
    private List<String> stratifyBy;

    /** Fewest units a slice needs in the window to be tested. */
    @Parameter(property = "llmmon.triage.minSupport", defaultValue = "30")
    private int minSupport;

    /** Family-wise error rate of the slice tests (Holm). */
    @Parameter(property = "llmmon.triage.alpha", defaultValue = "0.05")
    private double alpha;

    /** A metadata key with more values than this in the window is not sliced. */
    @Parameter(property = "llmmon.triage.maxValuesPerKey", defaultValue = "30")
    private int maxValuesPerKey;

    /** Seed of the change point's bootstrap. */
    @Parameter(property = "llmmon.triage.seed", defaultValue = "42")
    private long seed;

    /** Where {@code triage.md}, {@code triage.json} and {@code triage-bundle.json} go. */
    @Parameter(property = "llmmon.outputDirectory", defaultValue = "${basedir}/target/llmmon")
    private File outputDirectory;

    /** Write the post-mortem as Allure results ({@code allure serve target/allure-results}). */
    @Parameter(property = "llmmon.triage.allure", defaultValue = "true")
    private boolean allure;

    /** Where the Allure results go. */
    @Parameter(property = "llmmon.triage.allureResults", defaultValue = "${basedir}/target/allure-results")
    private File allureResults;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        TriageConfig config;
        try {
            config = triageConfig();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        TriageResult result;
        try {
            result = TriageJob.run(config, new TriageJob.Log() {
                @Override
                public void info(String line) {
                    getLog().info(line);
                }

                @Override
                public void warn(String line) {
                    getLog().warn(line);
                }
            });
        } catch (RejectedInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | IOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        getLog().info("llmmon: scope: " + result.scope().summary());
        if (result.isolation().changePoint() != null) {
            getLog().info(String.format(Locale.ROOT, "llmmon: isolate: change point %s (90%% interval %s .. %s),"
                            + " %.1f%% -> %.1f%%", result.isolation().changePoint(), result.isolation().low(),
                    result.isolation().high(), 100 * result.isolation().before(), 100 * result.isolation().after()));
            result.isolation().changes().stream().limit(3).forEach(c -> getLog().info(String.format(Locale.ROOT,
                    "llmmon: isolate: %+.1f window(s): %s %s (%s)", c.distanceWindows(), c.kind(), c.description(),
                    c.at())));
        } else {
            getLog().info("llmmon: isolate: " + result.isolation().note());
        }
        getLog().info("llmmon: triage: " + result.bundle().items().size() + " response(s) to review in "
                + result.bundleFile() + " (" + result.bundle().describeReview() + ")");
        result.commands().forEach(c -> getLog().info("llmmon: next: " + c));
        getLog().info("llmmon: wrote " + result.markdownFile() + " and " + result.jsonFile());
        if (allure) {
            try {
                int tests = TriageAllure.write(allureResults.toPath(), result, outputDirectory.toPath().resolve("alerts"));
                getLog().info("llmmon: post-mortem: " + tests + " Allure result(s) in " + allureResults
                        + " (allure serve " + allureResults + ")");
            } catch (IOException e) {
                throw new MojoExecutionException("llmmon: cannot write the Allure results: " + e.getMessage(), e);
            }
        }
        TriageResult.Verdict verdict = result.verdict();
        if (verdict.warning() != null) {
            getLog().warn("llmmon: " + verdict.warning());
        }
        if (verdict.fails()) {
            throw new MojoFailureException("llmmon: " + verdict.failure());
        }
    }

    /** The core configuration from the parameters. */
    TriageConfig triageConfig() {
        TriageTarget target = blank(alertId)
                ? TriageTarget.span(blank(feature) ? null : feature.strip(), blank(model) ? null : model.strip(),
                blank(metric) ? null : metric.strip(), time("llmmon.triage.from", from), time("llmmon.triage.to", to))
                : TriageTarget.alert(alertId.strip(), alerts.toPath()).withMetric(blank(metric) ? null : metric.strip());
        return new TriageConfig(logsConfig(SurvivorshipRule.DEFAULT, false, 0.01), target,
                judgements != null && judgements.isFile() ? judgements.toPath() : null, clean(changes),
                WindowSize.parse(reference).duration(), time("llmmon.triage.referenceFrom", referenceFrom),
                time("llmmon.triage.referenceTo", referenceTo), bundleSize, minSupport, alpha, maxValuesPerKey,
                clean(stratifyBy), outputDirectory.toPath(), Redactor.standard(), seed);
    }

    private static Instant time(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 UTC time such as 2026-11-20T00:00:00Z, was '"
                    + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
