package dev.llmmon.triage;

import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.redact.Redactor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One triage: the logs and side files, the target, and the settings of each step. Build it with {@link #of} and the
 * {@code with...} methods.
 *
 * @param logs            the request logs (with their user-signal files), as for {@code llmmon:monitor}; the window
 *                        size of its aggregation is the series' window
 * @param target          the alert or feature and time range
 * @param judgements      the judge's store, or {@code null} (judge metrics and judge scores in the bundle need it)
 * @param changes         change-event files, folders or globs (may be empty)
 * @param referenceSpan   length of the reference period; it ends at the window's start or at the estimated change
 *                        point's lower bound, whichever is earlier
 * @param referenceFrom   a pinned reference start, or {@code null}
 * @param referenceTo     a pinned reference end, or {@code null}
 * @param bundleSize      responses in the review bundle
 * @param minSupport      fewest units a slice needs in the window to be tested (and in the reference to be its own
 *                        reference)
 * @param alpha           family-wise error rate of the slice tests (Holm)
 * @param maxValuesPerKey a metadata key with more values in the window is not sliced (an id, a free text)
 * @param stratifyBy      the bundle's strata: dimension names ({@code model}, metadata keys)
 * @param outDir          where {@code triage.json}, {@code triage.md} and the bundle go
 * @param redactor        redacts every production text before it is written
 * @param seed            the bootstrap's seed
 */
public record TriageConfig(MonitorConfig logs, TriageTarget target, Path judgements, List<String> changes,
                           Duration referenceSpan, Instant referenceFrom, Instant referenceTo, int bundleSize,
                           int minSupport, double alpha, int maxValuesPerKey, List<String> stratifyBy, Path outDir,
                           Redactor redactor, long seed) {
    public static final String JSON_FILE = "triage.json";
    public static final String MARKDOWN_FILE = "triage.md";
    public static final String BUNDLE_FILE = "triage-bundle.json";

    public TriageConfig {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outDir, "outDir");
        changes = changes == null ? List.of() : List.copyOf(changes);
        stratifyBy = stratifyBy == null ? List.of() : List.copyOf(stratifyBy);
        redactor = redactor == null ? Redactor.standard() : redactor;
        if (referenceSpan == null || referenceSpan.isNegative() || referenceSpan.isZero()) {
            throw new IllegalArgumentException("the reference span must be positive, was " + referenceSpan);
        }
        if ((referenceFrom == null) != (referenceTo == null)) {
            throw new IllegalArgumentException("a pinned reference needs both ends (llmmon.triage.referenceFrom and"
                    + " referenceTo)");
        }
        if (referenceFrom != null && !referenceFrom.isBefore(referenceTo)) {
            throw new IllegalArgumentException("reference: from " + referenceFrom + " is not before to " + referenceTo);
        }
        if (bundleSize < 1 || minSupport < 1 || maxValuesPerKey < 2) {
            throw new IllegalArgumentException("bundleSize and minSupport must be >= 1 and maxValuesPerKey >= 2, were "
                    + bundleSize + ", " + minSupport + ", " + maxValuesPerKey);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
    }

    /**
     * Defaults: a 48-hour reference, a bundle of 20 stratified by model and {@code query_category}, slices of at
     * least 30 units, Holm at 0.05, keys of at most 30 values, seed 42.
     */
    public static TriageConfig of(MonitorConfig logs, TriageTarget target, Path outDir) {
        return new TriageConfig(logs, target, null, List.of(), Duration.ofHours(48), null, null, 20, 30, 0.05, 30,
                List.of("model", "query_category"), outDir, Redactor.standard(), 42);
    }

    public TriageConfig withJudgements(Path value) {
        return new TriageConfig(logs, target, value, changes, referenceSpan, referenceFrom, referenceTo, bundleSize,
                minSupport, alpha, maxValuesPerKey, stratifyBy, outDir, redactor, seed);
    }

    public TriageConfig withChanges(List<String> value) {
        return new TriageConfig(logs, target, judgements, value, referenceSpan, referenceFrom, referenceTo, bundleSize,
                minSupport, alpha, maxValuesPerKey, stratifyBy, outDir, redactor, seed);
    }

    public TriageConfig withReference(Duration span, Instant from, Instant to) {
        return new TriageConfig(logs, target, judgements, changes, span, from, to, bundleSize, minSupport, alpha,
                maxValuesPerKey, stratifyBy, outDir, redactor, seed);
    }

    public TriageConfig withBundle(int size, List<String> strata) {
        return new TriageConfig(logs, target, judgements, changes, referenceSpan, referenceFrom, referenceTo, size,
                minSupport, alpha, maxValuesPerKey, strata, outDir, redactor, seed);
    }

    public TriageConfig withScope(int support, double familyAlpha, int valuesPerKey) {
        return new TriageConfig(logs, target, judgements, changes, referenceSpan, referenceFrom, referenceTo, bundleSize,
                support, familyAlpha, valuesPerKey, stratifyBy, outDir, redactor, seed);
    }

    public TriageConfig withRedactor(Redactor value) {
        return new TriageConfig(logs, target, judgements, changes, referenceSpan, referenceFrom, referenceTo, bundleSize,
                minSupport, alpha, maxValuesPerKey, stratifyBy, outDir, value, seed);
    }

    public TriageConfig withSeed(long value) {
        return new TriageConfig(logs, target, judgements, changes, referenceSpan, referenceFrom, referenceTo, bundleSize,
                minSupport, alpha, maxValuesPerKey, stratifyBy, outDir, redactor, value);
    }
}
