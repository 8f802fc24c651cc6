package dev.llmmon.drift;

import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Drift of a categorical column (finish-reason mix, slice mix, model mix). Counts per category; a category seen on
 * one side only counts as 0 on the other. Where a proportion would be 0 inside a logarithm or as an expected
 * count, it is replaced by 0.0001 (Evidently's convention for PSI), so one new category gives a large but finite
 * value.
 */
public final class CategoricalDrift {
    static final double EMPTY = 0.0001;

    private CategoricalDrift() {
    }

    /**
     * Chi-square goodness of fit of the current counts against the reference proportions (as Evidently does:
     * expected_i = n_current × p_ref,i), k − 1 degrees of freedom, commons-math3's {@link ChiSquareTest}.
     */
    public static DriftResult chiSquare(Map<String, Long> reference, Map<String, Long> current, double alpha) {
        String[] categories = categories(reference, current);
        double[] ref = proportions(reference, categories);
        long[] observed = new long[categories.length];
        for (int i = 0; i < categories.length; i++) {
            observed[i] = current.getOrDefault(categories[i], 0L);
        }
        double[] expected = new double[categories.length];
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        for (int i = 0; i < categories.length; i++) {
            expected[i] = Math.max(ref[i], EMPTY) * n;
        }
        ChiSquareTest test = new ChiSquareTest();
        return DriftResult.byPValue("chi_square", test.chiSquare(expected, observed),
                test.chiSquareTest(expected, observed), alpha);
    }

    /** Population stability index Σ (c − r)·ln(c / r) over category proportions; threshold 0.1 by default. */
    public static DriftResult psi(Map<String, Long> reference, Map<String, Long> current, double threshold) {
        String[] categories = categories(reference, current);
        double[] r = proportions(reference, categories);
        double[] c = proportions(current, categories);
        double psi = 0;
        for (int i = 0; i < categories.length; i++) {
            double ri = Math.max(r[i], EMPTY);
            double ci = Math.max(c[i], EMPTY);
            psi += (ci - ri) * Math.log(ci / ri);
        }
        return DriftResult.byDistance("psi", psi, threshold);
    }

    /**
     * Jensen–Shannon <b>distance</b> (the square root of the divergence, natural log, as scipy's
     * {@code jensenshannon}, which Evidently uses); threshold 0.1 by default. Zero proportions need no
     * replacement here: 0·ln 0 = 0.
     */
    public static DriftResult jensenShannon(Map<String, Long> reference, Map<String, Long> current, double threshold) {
        String[] categories = categories(reference, current);
        double[] r = proportions(reference, categories);
        double[] c = proportions(current, categories);
        return DriftResult.byDistance("jensen_shannon", jensenShannonDistance(r, c), threshold);
    }

    static double jensenShannonDistance(double[] p, double[] q) {
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            if (p[i] > 0) {
                js += 0.5 * p[i] * Math.log(p[i] / m);
            }
            if (q[i] > 0) {
                js += 0.5 * q[i] * Math.log(q[i] / m);
            }
        }
        return Math.sqrt(Math.max(0, js));
    }

    /**
     * Two-proportion z-test (pooled) for a binary column, as Evidently uses for n_unique ≤ 2: the share of
     * {@code positive} in each sample. Two-sided p-value.
     */
    public static DriftResult zProportion(Map<String, Long> reference, Map<String, Long> current, String positive,
            double alpha) {
        double n1 = total(reference);
        double n2 = total(current);
        double p1 = reference.getOrDefault(positive, 0L) / n1;
        double p2 = current.getOrDefault(positive, 0L) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        double z = se == 0 ? 0 : (p2 - p1) / se;
        double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));
        return DriftResult.byPValue("z_proportion", z, p, alpha);
    }

    static String[] categories(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        if (total(a) == 0 || total(b) == 0) {
            throw new IllegalArgumentException("drift tests need at least one value on each side");
        }
        return all.toArray(String[]::new);
    }

    static double[] proportions(Map<String, Long> counts, String[] categories) {
        double n = total(counts);
        double[] p = new double[categories.length];
        for (int i = 0; i < categories.length; i++) {
            p[i] = counts.getOrDefault(categories[i], 0L) / n;
        }
        return p;
    }

    static double total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
