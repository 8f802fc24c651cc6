package dev.llmmon.maven;

import dev.llmmon.evals.EvalCaseException;
import dev.llmmon.evals.export.EvalExport;
import dev.llmmon.evals.export.ExportConfig;
import dev.llmmon.evals.export.ExportResult;
import dev.llmmon.evals.export.Selection;
import dev.llmmon.ingest.RejectedInputException;
import dev.llmmon.metrics.SurvivorshipRule;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns flagged production answers into eval-case files: the judgements of {@code llmmon:judge} joined with their
 * requests' text, redacted, de-duplicated, one {@code .eval.yaml} per case under {@code llmmon.evals.dir/<feature>/},
 * with a Markdown summary for the pull request. Exporting twice adds nothing.
 */
@Mojo(name = "export-evals", requiresProject = false, threadSafe = true)
public class ExportEvalsMojo extends AbstractLogsMojo {

    /** The judgement store written by {@code llmmon:judge}. */
    @Parameter(property = "llmmon.judgements", defaultValue = "${basedir}/.llmmon/judgements.jsonl")
    private File judgements;

    /** The eval suite's root folder; cases go to {@code <dir>/<feature>/<id>.eval.yaml}. */
    @Parameter(property = "llmmon.evals.dir", defaultValue = "${basedir}/eval-cases/src/test/resources/evals")
    private File evalsDir;

    /** Where {@code export-evals.md} and {@code export-evals-redactions.json} go. */
    @Parameter(property = "llmmon.outputDirectory", defaultValue = "${basedir}/target/llmmon")
    private File outputDirectory;

    /** Only these features (comma-separated); default all. */
    @Parameter(property = "llmmon.evals.features")
    private List<String> features;

    /** With {@code maxScore}: the dimension it applies to (e.g. {@code correctness}); unset: the mean score. */
    @Parameter(property = "llmmon.evals.dimension")
    private String dimension;

    /** Select judgements scoring at most this (flagged or not) instead of the flagged ones. */
    @Parameter(property = "llmmon.evals.maxScore")
    private Double maxScore;

    /** Only requests at or after this ISO-8601 time. */
    @Parameter(property = "llmmon.evals.from")
    private String from;

    /** Only requests before this ISO-8601 time. */
    @Parameter(property = "llmmon.evals.to")
    private String to;

    /** Only requests of this alert (its feature, model and windows), an id from the monitor's {@code alerts.json}. */
    @Parameter(property = "llmmon.evals.alertId")
    private String alertId;

    /** The monitor's {@code alerts.json}, for {@code alertId}. */
    @Parameter(property = "llmmon.evals.alerts", defaultValue = "${basedir}/target/llmmon/alerts.json")
    private File alerts;

    /**
     * A triage bundle ({@code target/llmmon/triage-bundle.json}) its reviewer marked: only the requests marked
     * {@code real} are exported, flagged or not; the false-positive share is reported.
     */
    @Parameter(property = "llmmon.evals.bundle")
    private File bundle;

    /** Most cases a feature's folder holds (existing ones count); the worst-scored requests go first. */
    @Parameter(property = "llmmon.evals.maxPerFeature", defaultValue = "50")
    private int maxPerFeature;

    /** MinHash Jaccard estimate of two inputs' word 3-shingles at or above which they are one case. */
    @Parameter(property = "llmmon.evals.nearDuplicate", defaultValue = "0.8")
    private double nearDuplicate;

    /** {@code repeat} of new cases. */
    @Parameter(property = "llmmon.evals.repeat", defaultValue = "3")
    private int repeat;

    /** {@code min_pass_rate} of new cases. */
    @Parameter(property = "llmmon.evals.minPassRate", defaultValue = "0.66")
    private double minPassRate;

    /** {@code min_score} of the rubric checks of new cases. */
    @Parameter(property = "llmmon.evals.minScore", defaultValue = "4")
    private int minScore;

    /** {@code max_cosine} of the not-similar check against the flagged answer. */
    @Parameter(property = "llmmon.evals.maxCosine", defaultValue = "0.9")
    private double maxCosine;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        ExportConfig config;
        try {
            config = exportConfig();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        if (!judgements.isFile()) {
            throw new MojoExecutionException("llmmon: no judgement store at " + judgements
                    + " (run llmmon:judge first, or set llmmon.judgements)");
        }
        getLog().info("llmmon: exporting eval cases from " + judgements + " into " + evalsDir);
        ExportResult result;
        try {
            result = EvalExport.run(config);
        } catch (RejectedInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (EvalCaseException | IllegalArgumentException | IOException e) {
            throw new MojoExecutionException("llmmon: " + e.getMessage(), e);
        }
        result.written().forEach(c -> getLog().info("llmmon: new eval case " + c.featureId() + "/" + c.id()));
        result.warnings().forEach(w -> getLog().warn("llmmon: " + w));
        getLog().info("llmmon: " + result.describe());
    }

    /**
     * Your own redaction patterns, name to Java regex, as {@code llmmon:redact} takes them: each match (or its group
     * {@code value}) becomes {@code <NAME_n>} in the exported cases, on top of the standard kinds.
     */
    @Parameter
    private java.util.Map<String, String> patterns;

    /** The core configuration from the parameters. */
    ExportConfig exportConfig() {
        Selection selection = new Selection(features == null ? java.util.Set.of() : new LinkedHashSet<>(clean(features)),
                blank(dimension) ? null : dimension.strip(), maxScore, time("llmmon.evals.from", from),
                time("llmmon.evals.to", to), blank(alertId) ? null : alertId.strip(),
                blank(alertId) ? null : alerts.toPath(), bundle == null ? null : bundle.toPath());
        return new ExportConfig(logsConfig(SurvivorshipRule.DEFAULT, false, 0.01), judgements.toPath(), selection,
                evalsDir.toPath(), outputDirectory.toPath(), maxPerFeature, nearDuplicate, RedactionPatterns.redactor(patterns), repeat,
                minPassRate, minScore, maxCosine);
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
