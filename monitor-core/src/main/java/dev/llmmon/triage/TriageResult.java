package dev.llmmon.triage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one triage found and wrote.
 *
 * @param alertId        the triaged alert, or {@code null}
 * @param feature        the target feature ({@code *}: every feature of the model)
 * @param model          the target model, or {@code *}
 * @param metric         the metric
 * @param outcome        what a bad outcome is for it ("requests that failed ...")
 * @param windowStart    the window's start
 * @param windowEnd      the window's end (exclusive)
 * @param referenceStart the reference period's start
 * @param referenceEnd   its end (exclusive)
 * @param scope          which slices explain the regression
 * @param isolation      the change point and the changes near it
 * @param bundle         the review bundle as written (reviewer verdicts of an earlier bundle carried over)
 * @param bundleFile     where it is
 * @param commands       the commands prepared for the next steps (export the real cases, gate the fix)
 * @param warnings       what the reader should know (rejected input, a judge metric without judgements, ...)
 * @param jsonFile       {@code triage.json}
 * @param markdownFile   {@code triage.md}
 */
public record TriageResult(String alertId, String feature, String model, String metric, String outcome,
                           Instant windowStart, Instant windowEnd, Instant referenceStart, Instant referenceEnd,
                           ScopeResult scope, Isolation isolation, ReviewBundle bundle, Path bundleFile,
                           List<String> commands, List<String> warnings, Path jsonFile, Path markdownFile) {
    public TriageResult {
        commands = List.copyOf(commands);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param failure why the goal fails, {@code null} when it does not
     * @param warning what to say without failing, or {@code null}
     */
    public record Verdict(String failure, String warning) {
        public boolean fails() {
            return failure != null;
        }
    }

    /** Triage fails only when it had nothing to look at: no unit of the metric in the window or the reference. */
    public Verdict verdict() {
        if (scope.windowUnits() == 0) {
            return new Verdict("triage: no " + outcome + " to look at: the window " + windowStart + " .. " + windowEnd
                    + " holds no unit of " + metric + " (check llmmon.logs, llmmon.judgements or the alert id)", null);
        }
        if (scope.referenceUnits() == 0) {
            return new Verdict("triage: the reference period " + referenceStart + " .. " + referenceEnd + " holds no"
                    + " unit of " + metric + ": nothing to compare the window with (set llmmon.triage.referenceFrom"
                    + " and referenceTo)", null);
        }
        return new Verdict(null, warnings.isEmpty() ? null : String.join("\n", warnings));
    }
}
