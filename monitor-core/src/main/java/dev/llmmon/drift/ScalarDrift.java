package dev.llmmon.drift;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/** Drift of a numeric column (input length, tokens, latency): KS test and normed Wasserstein distance. */
public final class ScalarDrift {
    private ScalarDrift() {
    }

    /**
     * Two-sample Kolmogorov–Smirnov (commons-math3): exact p-value when n·m &lt; 200, Monte Carlo below 10,000
     * (seeded, so deterministic), the asymptotic distribution above. Ties are broken by a seeded jitter, as
     * commons-math does.
     */
    public static DriftResult ks(double[] reference, double[] current, double alpha) {
        check(reference, current);
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest(new Well19937c(20250301L));
        double d = test.kolmogorovSmirnovStatistic(reference, current);
        // strict = false: P(D >= d), the usual p-value (commons-math's two-argument overload uses strict = true,
        // P(D > d), which is 0 for perfectly separated small samples)
        double p = test.kolmogorovSmirnovTest(reference, current, false);
        return DriftResult.byPValue("ks", d, p, alpha);
    }

    /**
     * Wasserstein-1 distance between the two empirical distributions (∫|F − G|), divided by the reference's
     * population standard deviation (Evidently's "Wasserstein distance (normed)"; threshold 0.1 by default).
     */
    public static DriftResult wassersteinNormed(double[] reference, double[] current, double threshold) {
        check(reference, current);
        double sd = populationSd(reference);
        double w = wasserstein(reference, current);
        double normed = sd > 0 ? w / sd : (w == 0 ? 0 : Double.POSITIVE_INFINITY);
        return DriftResult.byDistance("wasserstein_normed", normed, threshold);
    }

    /** ∫|F(x) − G(x)| dx over the merged support of two empirical distributions. */
    public static double wasserstein(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        Arrays.sort(all);
        double sum = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k < all.length - 1; k++) {
            while (i < x.length && x[i] <= all[k]) {
                i++;
            }
            while (j < y.length && y[j] <= all[k]) {
                j++;
            }
            sum += Math.abs(i / (double) x.length - j / (double) y.length) * (all[k + 1] - all[k]);
        }
        return sum;
    }

    static double populationSd(double[] v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
    }

    static void check(double[] reference, double[] current) {
        if (reference.length < 2 || current.length < 2) {
            throw new IllegalArgumentException("drift tests need at least 2 values on each side, got "
                    + reference.length + " reference and " + current.length + " current");
        }
    }
}
