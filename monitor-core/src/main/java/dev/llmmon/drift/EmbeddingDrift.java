package dev.llmmon.drift;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Drift of input embeddings (computed for a sample of requests with an {@link dev.llmmon.spi.Embedder}).
 *
 * <ul>
 *   <li>Per query: cosine similarity to a slowly moving centroid (the seed's signal); a query below the
 *       threshold (0.7 by default) is an outlier, and the outlier rate per window is a proportion that the
 *       control charts can follow.</li>
 *   <li>Per window: maximum mean discrepancy (unbiased MMD², Gaussian kernel with the median-distance bandwidth)
 *       between baseline and current embeddings with a permutation p-value (fixed seed). The effect size is
 *       reported with the p-value because with large samples a p-value alone flags everything.</li>
 * </ul>
 */
public final class EmbeddingDrift {
    public static final double DEFAULT_THRESHOLD = 0.7;

    private EmbeddingDrift() {
    }

    /** How many queries fell below the threshold, with the centroid after them. */
    public record OutlierCount(long queries, long outliers, float[] centroid) {
        public double rate() {
            return queries == 0 ? Double.NaN : outliers / (double) queries;
        }
    }

    /**
     * @param centroid  the current centroid (e.g. the mean of the baseline embeddings); not modified
     * @param smoothing how fast the centroid follows the queries (c ← (1 − s)·c + s·q, e.g. 0.01): slowly, so that
     *                  a sudden topic shift shows up as outliers before the centroid adapts
     */
    public static OutlierCount outliers(float[] centroid, List<float[]> queries, double threshold, double smoothing) {
        double[] c = new double[centroid.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = centroid[i];
        }
        long outliers = 0;
        for (float[] q : queries) {
            if (q.length != c.length) {
                throw new IllegalArgumentException("embedding has " + q.length + " dimensions, centroid " + c.length);
            }
            if (cosine(c, q) < threshold) {
                outliers++;
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = (1 - smoothing) * c[i] + smoothing * q[i];
            }
        }
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = (float) c[i];
        }
        return new OutlierCount(queries.size(), outliers, out);
    }

    public static float[] mean(List<float[]> vectors) {
        float[] m = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i] / vectors.size();
            }
        }
        return m;
    }

    /** Cosine similarity of two vectors (0 when either is all zeros). */
    public static double cosine(float[] a, float[] b) {
        double[] wide = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            wide[i] = a[i];
        }
        return cosine(wide, b);
    }

    static double cosine(double[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** MMD² (unbiased) and its permutation p-value. */
    public record MmdResult(double mmd2, double bandwidth, double pValue, int permutations, double alpha) {
        public boolean drift() {
            return pValue < alpha;
        }

        public DriftResult asDriftResult() {
            return new DriftResult("mmd", mmd2, pValue, alpha, drift());
        }
    }

    /**
     * @param permutations label shuffles for the p-value (e.g. 200); p = (1 + #{MMD²_perm ≥ MMD²}) / (1 + B)
     * @param seed         shuffles are drawn from this seed, so the p-value is reproducible
     */
    public static MmdResult mmd(List<float[]> reference, List<float[]> current, int permutations, long seed,
            double alpha) {
        int n = reference.size();
        int m = current.size();
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("MMD needs at least 2 embeddings on each side, got " + n + " and " + m);
        }
        int total = n + m;
        float[][] all = new float[total][];
        for (int i = 0; i < n; i++) {
            all[i] = reference.get(i);
        }
        for (int j = 0; j < m; j++) {
            all[n + j] = current.get(j);
        }
        double[][] d2 = new double[total][total];
        double[] upper = new double[total * (total - 1) / 2];
        int k = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double s = 0;
                for (int t = 0; t < all[i].length; t++) {
                    double diff = all[i][t] - all[j][t];
                    s += diff * diff;
                }
                d2[i][j] = s;
                d2[j][i] = s;
                upper[k++] = s;
            }
        }
        java.util.Arrays.sort(upper);
        double medianSq = upper[upper.length / 2];
        double bandwidth = Math.sqrt(medianSq > 0 ? medianSq : 1);
        double[][] kernel = new double[total][total];
        for (int i = 0; i < total; i++) {
            for (int j = 0; j < total; j++) {
                kernel[i][j] = Math.exp(-d2[i][j] / (2 * bandwidth * bandwidth));
            }
        }
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        double observed = unbiasedMmd2(kernel, order, n);
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 0;
        for (int b = 0; b < permutations; b++) {
            for (int i = total - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            if (unbiasedMmd2(kernel, order, n) >= observed) {
                atLeast++;
            }
        }
        return new MmdResult(observed, bandwidth, (1.0 + atLeast) / (1.0 + permutations), permutations, alpha);
    }

    /** Gretton et al. (2012), eq. 3: the first {@code n} of {@code order} are sample X, the rest sample Y. */
    static double unbiasedMmd2(double[][] kernel, int[] order, int n) {
        int m = order.length - n;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < order.length; j++) {
                if (i == j) {
                    continue;
                }
                double kv = kernel[order[i]][order[j]];
                if (i < n && j < n) {
                    xx += kv;
                } else if (i >= n && j >= n) {
                    yy += kv;
                } else if (i < n) {
                    xy += kv;
                }
            }
        }
        return xx / ((double) n * (n - 1)) + yy / ((double) m * (m - 1)) - 2 * xy / ((double) n * m);
    }
}
