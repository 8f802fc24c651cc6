package dev.llmmon.gate;

/**
 * Tango's (1998) score interval for the difference of two paired proportions, candidate - baseline, from the
 * discordant counts. Chosen over the Wald interval because it stays honest with few or no discordant pairs: ten
 * cases passing on both sides do not prove the candidate is within 2 points (the Wald interval would be [0, 0]).
 * Hand-written: commons-math has no paired-proportion interval; the bounds are found by bisection on the score
 * statistic, which decreases in the hypothesised difference.
 */
public final class Tango {
    private Tango() {
    }

    /**
     * One-sided bounds at normal quantile {@code z}: lower solves Z(lower) = z, upper solves Z(upper) = -z.
     *
     * @param candidateOnly cases passing on the candidate only
     * @param baselineOnly  cases passing on the baseline only
     * @param cases         all pairs
     */
    public static Interval bounds(int candidateOnly, int baselineOnly, int cases, double z) {
        if (candidateOnly < 0 || baselineOnly < 0 || candidateOnly + baselineOnly > cases || cases < 1) {
            throw new IllegalArgumentException("Tango interval needs 0 <= candidateOnly + baselineOnly <= cases, was "
                    + candidateOnly + " + " + baselineOnly + " of " + cases);
        }
        double estimate = (double) (candidateOnly - baselineOnly) / cases;
        double lower = solve(candidateOnly, baselineOnly, cases, z, -1, estimate);
        double upper = solve(candidateOnly, baselineOnly, cases, -z, estimate, 1);
        return new Interval(estimate, lower, upper);
    }

    /** The score statistic for H0: difference = delta (positive when the data say the difference is larger). */
    static double score(int b, int c, int n, double delta) {
        double numerator = b - c - n * delta;
        // Restricted maximum-likelihood estimate of the baseline-only cell under the hypothesised difference.
        double qa = 2.0 * n;
        double qb = -b - c + (2.0 * n - b + c) * delta;
        double qc = -c * delta * (1 - delta);
        double cell = (Math.sqrt(Math.max(0, qb * qb - 4 * qa * qc)) - qb) / (2 * qa);
        double variance = n * (2 * cell + delta - delta * delta);
        if (Math.abs(numerator) < 1e-12) {
            return 0;
        }
        if (variance <= 0) {
            return numerator > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return numerator / Math.sqrt(variance);
    }

    private static double solve(int b, int c, int n, double target, double lo, double hi) {
        // score(lo) >= target >= score(hi); keep it so.
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = (lo + hi) / 2;
            if (score(b, c, n, mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
