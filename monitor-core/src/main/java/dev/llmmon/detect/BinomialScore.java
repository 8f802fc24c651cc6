package dev.llmmon.detect;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/**
 * How unusual x events in n requests are when the rate is p0, as a standard normal score: Φ⁻¹ of the mid-p
 * lower tail P(X &lt; x) + P(X = x)/2 of Binomial(n, p0).
 *
 * <p>Why not (p̂ − p0)/√(p0(1−p0)/n): that normal approximation needs n·p0 of 5 or more. For rare events it turns
 * one refusal in 20 requests at p0 = 0.00075 into an "8σ" window, though such a window happens 1.5% of the time.
 * The tail probability is exact for any n and p0; for large n·p0 the score approaches the normal-approximation
 * z. Under p0 the scores have mean about 0 and variance at most 1 (less for small n·p0, where counts are coarse),
 * so a chart on them false-alarms no more often than on normal data.
 */
final class BinomialScore {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /** Below this a tail probability is inverted by Newton steps on log Φ, where 2p − 1 would round to −1. */
    private static final double FAR_TAIL = 1e-12;

    private BinomialScore() {
    }

    static double of(long events, long n, double p0) {
        if (n <= 0) {
            return 0;
        }
        long x = Math.max(0, Math.min(n, events));
        double pmf = new BinomialDistribution(null, (int) n, p0).probability((int) x);
        double below = x == 0 ? 0 : Beta.regularizedBeta(1 - p0, n - x + 1, x); // P(X <= x - 1)
        double above = x == n ? 0 : Beta.regularizedBeta(p0, x + 1, n - x); // P(X >= x + 1)
        double lower = below + pmf / 2;
        double upper = above + pmf / 2;
        return lower <= upper ? quantile(lower) : -quantile(upper);
    }

    /** Φ⁻¹(p) for p in (0, 0.5], accurate far into the tail. */
    static double quantile(double p) {
        if (p >= FAR_TAIL) {
            return NORMAL.inverseCumulativeProbability(p);
        }
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double logP = Math.log(p);
        double u = -Math.sqrt(-2 * logP - Math.log(-2 * logP) - Math.log(2 * Math.PI));
        for (int i = 0; i < 6; i++) {
            double cdf = 0.5 * Erf.erfc(-u / Math.sqrt(2));
            double density = Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
            u -= (Math.log(cdf) - logP) * cdf / density;
        }
        return u;
    }
}
