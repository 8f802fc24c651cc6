package dev.llmmon.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test of two shares, x1 of n1 against x2 of n2: with the margins fixed, x2 is hypergeometric.
 * Exact where the normal approximation fails: rare events in small groups. The one implementation, used by the log
 * detectors (two-sided) and the probe history (one-sided drop).
 */
public final class FisherExact {
    private FisherExact() {
    }

    /**
     * Two-sided: the probability of a table no more likely than the one observed (the usual definition, as R's
     * {@code fisher.test}).
     */
    public static double twoSided(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0 || x1 + x2 == 0 || x1 + x2 == n1 + n2) {
            return 1;
        }
        HypergeometricDistribution h = new HypergeometricDistribution(null, Math.toIntExact(n1 + n2),
                Math.toIntExact(x1 + x2), Math.toIntExact(n2));
        double observed = h.probability(Math.toIntExact(x2));
        double p = 0;
        for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
            double q = h.probability(k);
            if (q <= observed * (1 + 1e-7)) {
                p += q;
            }
        }
        return Math.min(1, p);
    }

    /** One-sided, that the second share is lower: P(X &lt;= x2). */
    public static double lowerTail(int x1, int n1, int x2, int n2) {
        return new HypergeometricDistribution(null, n1 + n2, x1 + x2, n2).cumulativeProbability(x2);
    }
}
