package dev.llmmon.evals.export;

import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.redact.Redactor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One export: where judgements and logs are, what to select, where the cases and the reports go.
 *
 * @param logs           the request logs (their text is what becomes the cases)
 * @param judgements     the judgement store ({@code judgements.jsonl})
 * @param selection      which judgements
 * @param suiteDir       the eval suite's root; cases go to {@code suiteDir/<feature>/<id>.eval.yaml}
 * @param reportDir      where {@link #SUMMARY_FILE} and {@link #REDACTIONS_FILE} go
 * @param maxPerFeature  most cases a feature's folder may hold (existing ones count); the worst-scored go first
 * @param nearDuplicate  MinHash Jaccard estimate at or above which two inputs are one case
 * @param redactor       what redacts input and bad output, one scope per case
 * @param repeat         {@code repeat} of new cases
 * @param minPassRate    {@code min_pass_rate} of new cases
 * @param minScore       {@code min_score} of the rubric checks of new cases
 * @param maxCosine      {@code max_cosine} of the not-similar check against the bad output
 */
public record ExportConfig(MonitorConfig logs, Path judgements, Selection selection, Path suiteDir, Path reportDir,
                           int maxPerFeature, double nearDuplicate, Redactor redactor, int repeat, double minPassRate,
                           int minScore, double maxCosine) {
    public static final String SUMMARY_FILE = "export-evals.md";
    public static final String REDACTIONS_FILE = "export-evals-redactions.json";
    /** Default near-duplicate threshold: inputs sharing 80% of their word 3-shingles are one case. */
    public static final double DEFAULT_NEAR_DUPLICATE = 0.8;

    public ExportConfig {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(judgements, "judgements");
        Objects.requireNonNull(suiteDir, "suiteDir");
        Objects.requireNonNull(reportDir, "reportDir");
        selection = selection == null ? Selection.flagged() : selection;
        redactor = redactor == null ? Redactor.standard() : redactor;
        if (maxPerFeature < 1) {
            throw new IllegalArgumentException("maxPerFeature must be >= 1, was " + maxPerFeature);
        }
        if (!(nearDuplicate > 0 && nearDuplicate <= 1)) {
            throw new IllegalArgumentException("nearDuplicate must be in (0, 1], was " + nearDuplicate);
        }
        if (repeat < 1 || !(minPassRate >= 0 && minPassRate <= 1) || minScore < 1 || minScore > 5
                || !(maxCosine >= -1 && maxCosine <= 1)) {
            throw new IllegalArgumentException("case defaults out of range: repeat " + repeat + ", min_pass_rate "
                    + minPassRate + ", min_score " + minScore + ", max_cosine " + maxCosine);
        }
    }

    /** Defaults: flagged judgements, 50 cases per feature, near-duplicates at 0.8, repeat 3 needing 2 passes. */
    public static ExportConfig of(MonitorConfig logs, Path judgements, Path suiteDir, Path reportDir) {
        return new ExportConfig(logs, judgements, Selection.flagged(), suiteDir, reportDir, 50, DEFAULT_NEAR_DUPLICATE,
                Redactor.standard(), 3, 0.66, 4, 0.9);
    }

    public ExportConfig withSelection(Selection value) {
        return new ExportConfig(logs, judgements, value, suiteDir, reportDir, maxPerFeature, nearDuplicate, redactor,
                repeat, minPassRate, minScore, maxCosine);
    }

    public ExportConfig withMaxPerFeature(int value) {
        return new ExportConfig(logs, judgements, selection, suiteDir, reportDir, value, nearDuplicate, redactor,
                repeat, minPassRate, minScore, maxCosine);
    }

    public ExportConfig withNearDuplicate(double value) {
        return new ExportConfig(logs, judgements, selection, suiteDir, reportDir, maxPerFeature, value, redactor,
                repeat, minPassRate, minScore, maxCosine);
    }

    public ExportConfig withRedactor(Redactor value) {
        return new ExportConfig(logs, judgements, selection, suiteDir, reportDir, maxPerFeature, nearDuplicate, value,
                repeat, minPassRate, minScore, maxCosine);
    }
}
