package dev.llmmon.gate;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * McNemar's test on paired pass/fail outcomes. Only the discordant pairs carry information: under "both sides pass
 * equally often" a discordant case is baseline-only or candidate-only with probability 1/2, so the count of
 * baseline-only cases among {@code b + c} is Binomial(b + c, 1/2) (the exact test, as R's
 * {@code binom.test(b, b + c)}; no continuity-corrected chi-square, which is poor for the few discordant pairs a
 * suite has).
 */
public final class McNemar {
    private McNemar() {
    }

    /** Two-sided exact p: twice the smaller tail, at most 1. b=1, c=9 gives 22/1024 = 0.0215. */
    public static double twoSided(int baselineOnly, int candidateOnly) {
        check(baselineOnly, candidateOnly);
        int n = baselineOnly + candidateOnly;
        if (n == 0) {
            return 1;
        }
        BinomialDistribution binomial = new BinomialDistribution(null, n, 0.5);
        return Math.min(1, 2 * binomial.cumulativeProbability(Math.min(baselineOnly, candidateOnly)));
    }

    /**
     * One-sided exact p that the candidate fails more cases than the baseline: P(X &gt;= baselineOnly) for
     * X ~ Binomial(b + c, 1/2).
     */
    public static double candidateWorse(int baselineOnly, int candidateOnly) {
        check(baselineOnly, candidateOnly);
        int n = baselineOnly + candidateOnly;
        if (n == 0 || baselineOnly == 0) {
            return 1;
        }
        return new BinomialDistribution(null, n, 0.5).cumulativeProbability(candidateOnly);
    }

    /**
     * One-sided p for clustered pairs: McNemar's statistic divided by the clusters' design effect (Obuchowski 1998's
     * idea: correlated cases count as fewer independent ones), referred to the normal distribution. With a design
     * effect of at most 1 the pairs are as good as independent and the exact test is returned.
     */
    public static double candidateWorse(int baselineOnly, int candidateOnly, double designEffect) {
        if (!(designEffect > 1)) {
            return candidateWorse(baselineOnly, candidateOnly);
        }
        check(baselineOnly, candidateOnly);
        int n = baselineOnly + candidateOnly;
        if (n == 0) {
            return 1;
        }
        double z = (baselineOnly - candidateOnly) / Math.sqrt(n * designEffect);
        return 1 - new NormalDistribution(null, 0, 1).cumulativeProbability(z);
    }

    private static void check(int baselineOnly, int candidateOnly) {
        if (baselineOnly < 0 || candidateOnly < 0) {
            throw new IllegalArgumentException("discordant counts must not be negative: baselineOnly=" + baselineOnly
                    + ", candidateOnly=" + candidateOnly);
        }
    }
}
