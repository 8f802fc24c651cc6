package dev.llmmon.evals.export;

import dev.llmmon.evals.EvalCase;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export did.
 *
 * @param features      per feature, in name order
 * @param written       the new cases, as written
 * @param judgements    judgements in the store (latest per request, rubric and judge)
 * @param selected      of those, selected
 * @param records       requests read from the logs
 * @param rejectedLines log lines that could not be read
 * @param summaryFile   the Markdown summary
 * @param redactionsFile the redaction report per case
 * @param warnings      what a reviewer should know (selected judgements without request text, unreadable input)
 */
public record ExportResult(List<FeatureCounts> features, List<EvalCase> written, long judgements, long selected,
                           long records, long rejectedLines, Path summaryFile, Path redactionsFile,
                           List<String> warnings) {
    public ExportResult {
        features = List.copyOf(features);
        written = List.copyOf(written);
        warnings = List.copyOf(warnings);
    }

    /**
     * One feature's counts; {@code selected = written + merged + alreadyInSuite + overCap + missingText}.
     *
     * @param merged         selected requests merged into a new case as its duplicates
     * @param alreadyInSuite selected requests whose input (exactly or nearly) is already a case in the suite
     * @param overCap        selected requests left out because the feature's folder is full
     * @param missingText    selected judgements whose request (or its input text) is not in the logs
     */
    public record FeatureCounts(String feature, int selected, int written, int merged, int alreadyInSuite,
                                int overCap, int missingText) {
    }

    /** One line for a build log. */
    public String describe() {
        int merged = features.stream().mapToInt(FeatureCounts::merged).sum();
        int already = features.stream().mapToInt(FeatureCounts::alreadyInSuite).sum();
        int cap = features.stream().mapToInt(FeatureCounts::overCap).sum();
        return String.format(java.util.Locale.ROOT, "%d judgement(s), %d selected; %d new eval case(s), %d merged as"
                + " duplicates, %d already in the suite, %d over the cap; summary %s", judgements, selected,
                written.size(), merged, already, cap, summaryFile);
    }
}
