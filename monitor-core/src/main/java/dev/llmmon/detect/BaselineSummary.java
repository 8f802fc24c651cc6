package dev.llmmon.detect;

import java.time.Instant;

/**
 * The frozen Phase I estimate, or why there is none yet.
 *
 * @param complete whether the baseline period is over, so that later windows are monitored
 * @param windowsUsed chartable windows that went into the estimate (0 for a known baseline)
 * @param windowsRemaining baseline windows still to come before monitoring starts (0 once complete; for a date
 *     range estimated from the spacing of the last two windows, -1 when that cannot be estimated)
 * @param observations the requests (observations) behind the baseline windows
 * @param mean μ0, or the pooled p0 for proportions; {@code NaN} when not estimated
 * @param sigma σ of one window's value (moving-range estimate), or √(p0(1−p0)) per request for proportions
 * @param first start of the first baseline window ({@code null} if none)
 * @param last start of the last baseline window ({@code null} if none)
 * @param problem why the baseline cannot be used; {@code null} when it can (or is still being collected)
 */
public record BaselineSummary(
        boolean complete,
        int windowsUsed,
        int windowsRemaining,
        long observations,
        double mean,
        double sigma,
        Instant first,
        Instant last,
        String problem) {

    public boolean usable() {
        return complete && problem == null;
    }
}
