package dev.llmmon.quality;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The in-control distribution of judge scores as the baseline's judgements show it: the observed values and the
 * values 1..5, each with its count plus a pseudo-count (one judgement spread evenly over the values), so a score the
 * baseline never saw is possible, not impossible, when the limit is computed.
 *
 * @param values the possible scores, ascending
 * @param counts observed count plus pseudo-count of each value
 * @param mean   the baseline's mean score (the chart's centre)
 * @param sd     the baseline's standard deviation of single scores
 */
record ScorePmf(double[] values, double[] counts, double mean, double sd) {

    static ScorePmf estimate(double[] scores) {
        if (scores.length < 2) {
            throw new IllegalArgumentException("a score distribution needs at least 2 judgements");
        }
        TreeMap<Double, Double> byValue = new TreeMap<>();
        for (double s : scores) {
            byValue.merge(s, 1.0, Double::sum);
        }
        for (int v = 1; v <= 5; v++) {
            byValue.putIfAbsent((double) v, 0.0);
        }
        double pseudo = 1.0 / byValue.size();
        double[] values = new double[byValue.size()];
        double[] counts = new double[byValue.size()];
        int i = 0;
        for (var e : byValue.entrySet()) {
            values[i] = e.getKey();
            counts[i] = e.getValue() + pseudo;
            i++;
        }
        double mean = Arrays.stream(scores).average().orElseThrow();
        double ss = 0;
        for (double s : scores) {
            ss += (s - mean) * (s - mean);
        }
        return new ScorePmf(values, counts, mean, Math.sqrt(ss / (scores.length - 1)));
    }

    /**
     * {@code k} score distributions drawn from the Dirichlet posterior of the probabilities given the counts (the
     * Bayesian bootstrap, Rubin 1981): how far the true distribution may be from the baseline's. Seeded by the
     * counts, so the same baseline always gives the same draws and the same limit.
     */
    double[][] posteriorDraws(int k) {
        Well19937c rng = new Well19937c(Arrays.hashCode(counts) * 31L + Arrays.hashCode(values));
        double[][] draws = new double[k][counts.length];
        for (int d = 0; d < k; d++) {
            double total = 0;
            for (int i = 0; i < counts.length; i++) {
                draws[d][i] = new GammaDistribution(rng, counts[i], 1.0).sample();
                total += draws[d][i];
            }
            for (int i = 0; i < counts.length; i++) {
                draws[d][i] /= total;
            }
        }
        return draws;
    }
}
