package dev.llmmon.detect;

import java.time.Instant;
import java.util.List;

/**
 * The frozen Phase I estimate, or why there is none yet.
 *
 * @param complete whether the baseline period is over, so that later windows are monitored
 * @param windowsUsed chartable windows that went into the estimate (0 for a known baseline)
 * @param windowsRemaining baseline windows still to come before monitoring starts (0 once complete; for a date
 *     range estimated from the spacing of the last two windows, -1 when that cannot be estimated)
 * @param observations the requests (observations) behind the baseline windows
 * @param mean μ0, or the pooled p0 for proportions; {@code NaN} when not estimated
 * @param sigma σ of one window's value (moving-range estimate) for individual values, σ₁ of one observation for
 *     means (σ_i = σ₁/√n_i), or √(p0(1−p0)) per request for proportions
 * @param dispersion for proportions, how much more the baseline's window scores vary than binomial sampling
 *     explains (Laney's σ_z, never below 1); 1 for individual values
 * @param excluded baseline windows left out of the estimate because they were out of control themselves
 *     (robust Phase I); they are not in {@code windowsUsed}
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
        double dispersion,
        List<Instant> excluded,
        Instant first,
        Instant last,
        String problem) {

    public BaselineSummary {
        excluded = List.copyOf(excluded);
    }

    public boolean usable() {
        return complete && problem == null;
    }

    /**
     * A window's deviation from the baseline in standard deviations, before any clipping: (x − μ0)/σ for
     * individual values, (x − μ0)·√n/σ₁ for means; for a proportion the normal score of its binomial mid-p tail probability under p0,
     * divided by {@link #dispersion}. {@code NaN} when there is no usable estimate.
     */
    public double score(Kind kind, double value, long n) {
        if (Double.isNaN(mean) || !(sigma > 0) || Double.isNaN(value)) {
            return Double.NaN;
        }
        if (kind == Kind.PROPORTION) {
            return BinomialScore.of(Math.round(value * n), n, mean) / dispersion;
        }
        if (kind == Kind.MEAN) {
            return (value - mean) * Math.sqrt(n) / sigma;
        }
        return (value - mean) / sigma;
    }
}
