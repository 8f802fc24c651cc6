package dev.llmmon.judge;

import dev.llmmon.client.Usage;

/**
 * What a judge run did.
 *
 * @param records          requests read
 * @param sampled          requests selected for judging (by rate or always-judge rule)
 * @param alwaysJudged     of those, selected by an always-judge signal
 * @param excludedErrors   failed requests left out by the policy
 * @param missingOutput    selected requests without output text, which cannot be judged
 * @param alreadyDone      selected requests already judged (same rubric version and judge model) in the store
 * @param judged           new judgements with valid scores (status ok)
 * @param flagged          of those, flagged
 * @param unparseable      judge replies that were not a valid set of scores
 * @param failed           judge calls that failed after retries (status error; retried on the next run)
 * @param skippedByBudget  selected requests left unjudged because the budget cap was reached
 * @param notRunAfterStop  selected requests left unjudged because the run stopped early
 * @param judgeUsage       judge tokens of this run
 * @param spendUsd         judge spend of this run, {@code null} when the judge model's price is unknown
 * @param stopReason       why the run stopped early, {@code null} when it did not
 * @param retriedReplies   unparseable first replies asked for again (each once, with the parse error fed back)
 * @param keyRejected      the endpoint refused the key (401/403): a rerun with the same key cannot help
 */
public record JudgeSummary(long records, long sampled, long alwaysJudged, long excludedErrors, long missingOutput,
                           long alreadyDone, long judged, long flagged, long unparseable, long failed,
                           long skippedByBudget, long notRunAfterStop, Usage judgeUsage, Double spendUsd,
                           String stopReason, long retriedReplies, boolean keyRejected) {

    /** A summary of a run with no retried replies and no rejected key. */
    public JudgeSummary(long records, long sampled, long alwaysJudged, long excludedErrors, long missingOutput,
                        long alreadyDone, long judged, long flagged, long unparseable, long failed,
                        long skippedByBudget, long notRunAfterStop, Usage judgeUsage, Double spendUsd,
                        String stopReason) {
        this(records, sampled, alwaysJudged, excludedErrors, missingOutput, alreadyDone, judged, flagged, unparseable,
                failed, skippedByBudget, notRunAfterStop, judgeUsage, spendUsd, stopReason, 0, false);
    }

    public boolean stoppedEarly() {
        return stopReason != null;
    }

    /** The same summary counting {@code value} records read (when the caller filtered them before the run). */
    public JudgeSummary withRecords(long value) {
        return new JudgeSummary(value, sampled, alwaysJudged, excludedErrors, missingOutput, alreadyDone, judged,
                flagged, unparseable, failed, skippedByBudget, notRunAfterStop, judgeUsage, spendUsd, stopReason,
                retriedReplies, keyRejected);
    }

    /** Requests the judge was asked about in this run (an unparseable reply's retry is the same request). */
    public long calls() {
        return judged + unparseable + failed;
    }
}
