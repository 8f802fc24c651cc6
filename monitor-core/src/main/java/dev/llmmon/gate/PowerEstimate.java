package dev.llmmon.gate;

/**
 * What a suite of this size can detect.
 *
 * @param discordantShare         share of cases expected to pass on one side only
 * @param minimumDetectableEffect smallest drop in case pass rate found with the policy's power at its alpha
 * @param canDetectMargin         the minimum detectable effect is no larger than the margin
 * @param message                 one line for the log
 */
public record PowerEstimate(int cases, double discordantShare, double minimumDetectableEffect,
                            boolean canDetectMargin, String message) {
}
