package dev.llmmon.judge;

import java.time.Duration;

/**
 * Where a running judge run stands.
 *
 * @param completed      judge calls finished (ok, unparseable or failed)
 * @param total          judge calls planned (before any budget skip)
 * @param perSecond      completion rate so far
 * @param eta            estimated time to finish at that rate, {@code null} before the first completion
 * @param spendUsd       judge spend so far, {@code null} when the judge model's price is unknown
 */
public record JudgeProgress(long completed, long total, double perSecond, Duration eta, Double spendUsd) {
}
