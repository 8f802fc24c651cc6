package dev.llmmon.judge;

import java.time.Duration;

/**
 * Where a running judge run stands.
 *
 * @param completed      requests judged: ok, unparseable (after its one retry) or failed alike
 * @param total          judge calls planned (before any budget skip)
 * @param perSecond      completion rate so far
 * @param eta            estimated time to finish at that rate, {@code null} before the first completion
 * @param spendUsd       judge spend so far, {@code null} when the judge model's price is unknown
 * @param unparseable    of {@code completed}, replies that gave no valid scores
 * @param failed         of {@code completed}, calls that failed after retries (status error, retried next run)
 */
public record JudgeProgress(long completed, long total, double perSecond, Duration eta, Double spendUsd,
                            long unparseable, long failed) {

    /** Progress with no unparseable replies and no failed calls. */
    public JudgeProgress(long completed, long total, double perSecond, Duration eta, Double spendUsd) {
        this(completed, total, perSecond, eta, spendUsd, 0, 0);
    }
}
