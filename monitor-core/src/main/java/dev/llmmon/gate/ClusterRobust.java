package dev.llmmon.gate;

import java.util.HashMap;
import java.util.Map;

/**
 * Cluster-robust (CR1) variance of a mean: cases that share a cluster (a source conversation, a template, a
 * feature) are summed before squaring, so twenty near-copies of one question count as one piece of evidence
 * (Miller 2024, "Adding Error Bars to Evals", section 2.3). CR1 scales by G/(G-1) for G clusters; for a mean the
 * (n-1)/(n-k) factor is 1. With one case per cluster it equals the usual s^2/n.
 */
public final class ClusterRobust {
    private ClusterRobust() {
    }

    /** CR1 variance of the mean of {@code values}; NaN with fewer than two clusters. */
    public static double varianceOfMean(double[] values, String[] clusters) {
        if (values.length != clusters.length) {
            throw new IllegalArgumentException("values and clusters differ in length: " + values.length + " and "
                    + clusters.length);
        }
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        Map<String, Double> sums = new HashMap<>();
        for (int i = 0; i < n; i++) {
            sums.merge(clusters[i], values[i] - mean, Double::sum);
        }
        int g = sums.size();
        if (g < 2) {
            return Double.NaN;
        }
        double squares = 0;
        for (double s : sums.values()) {
            squares += s * s;
        }
        return (double) g / (g - 1) * squares / ((double) n * n);
    }

    /**
     * How much the clusters inflate the variance of the mean over independent cases: CR1 / (s^2/n), never below 1
     * (a design effect below 1 is noise of few clusters, not evidence that clustering helps); 1 when either is
     * undefined (one cluster, or no variation).
     */
    public static double designEffect(double[] values, String[] clusters) {
        int n = values.length;
        if (n < 2) {
            return 1;
        }
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double independent = ss / (n - 1) / n;
        double clustered = varianceOfMean(values, clusters);
        if (!(independent > 0) || Double.isNaN(clustered)) {
            return 1;
        }
        return Math.max(1, clustered / independent);
    }
}
