package dev.llmmon.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Percentile interval of the mean paired difference by the cluster bootstrap: whole clusters are drawn with
 * replacement (Miller 2024 resamples questions, not answers), so related cases move together. Deterministic for a
 * seed: {@link SplittableRandom}'s algorithm is specified, so the same cases give the same interval on every JDK.
 * Hand-written: commons-math3 has no bootstrap; the loop is a dozen lines.
 */
public final class PairedBootstrap {
    private PairedBootstrap() {
    }

    /**
     * @param differences candidate - baseline per case
     * @param clusters    the cluster of each case (one per case for plain case resampling)
     * @param alpha       each bound is one-sided at 1 - alpha (a 1 - 2 alpha two-sided interval)
     */
    public static Interval interval(double[] differences, String[] clusters, int resamples, long seed, double alpha) {
        if (differences.length == 0 || differences.length != clusters.length) {
            throw new IllegalArgumentException("bootstrap needs one cluster per difference and at least one, had "
                    + differences.length + " differences and " + clusters.length + " clusters");
        }
        if (resamples < 1 || !(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("bootstrap needs resamples >= 1 and alpha in (0, 0.5), had "
                    + resamples + " and " + alpha);
        }
        Map<String, double[]> byCluster = new LinkedHashMap<>();
        for (int i = 0; i < differences.length; i++) {
            double[] sumCount = byCluster.computeIfAbsent(clusters[i], k -> new double[2]);
            sumCount[0] += differences[i];
            sumCount[1]++;
        }
        List<double[]> groups = new ArrayList<>(byCluster.values());
        int g = groups.size();
        double estimate = Arrays.stream(differences).average().orElseThrow();
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            double count = 0;
            for (int k = 0; k < g; k++) {
                double[] pick = groups.get(random.nextInt(g));
                sum += pick[0];
                count += pick[1];
            }
            means[r] = sum / count;
        }
        Arrays.sort(means);
        return new Interval(estimate, quantile(means, alpha), quantile(means, 1 - alpha));
    }

    /** Linear interpolation between order statistics (R's type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
