package dev.llmmon.quality;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreEwmaRunLengthTest {
    // the overall score of three 1–5 dimensions: left-skewed, most mass at 4–5, a tail of poor answers
    static final double[] VALUES = {1.6667, 2, 2.3333, 2.6667, 3, 3.3333, 3.6667, 4, 4.3333, 4.6667, 5};
    static final double[] PROBS = {0.01, 0.015, 0.02, 0.02, 0.02, 0.03, 0.1, 0.2, 0.28, 0.2, 0.105};

    static double mean() {
        double m = 0;
        for (int i = 0; i < VALUES.length; i++) {
            m += VALUES[i] * PROBS[i];
        }
        return m;
    }

    /** Simulated run lengths of the reflected lower EWMA with known parameters. */
    static double simulatedArl(double lambda, double center, double limit, int runs, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        long total = 0;
        for (int r = 0; r < runs; r++) {
            double z = center;
            int n = 0;
            while (true) {
                n++;
                double u = rng.nextDouble();
                int k = 0;
                double acc = PROBS[0];
                while (u > acc && k < PROBS.length - 1) {
                    acc += PROBS[++k];
                }
                z = Math.min(center, lambda * VALUES[k] + (1 - lambda) * z);
                if (z < limit) {
                    break;
                }
            }
            total += n;
        }
        return (double) total / runs;
    }

    @Test
    void theChainsArlMatchesSimulationForASkewedDiscreteScore() {
        double center = mean();
        double limit = ScoreEwmaRunLength.limitFor(0.05, center, VALUES, new double[][] {PROBS}, 400);
        assertThat(ScoreEwmaRunLength.arl(0.05, center, limit, VALUES, PROBS, 0)).isCloseTo(400, within(4.0));
        // 2000 runs of about 400: standard error about 2%
        assertThat(simulatedArl(0.05, center, limit, 2000, 17)).isCloseTo(400, within(400 * 0.07));
    }

    @Test
    void aNormalCalibrationWouldBeTooNarrowForLeftSkewedScores() {
        // the normal-theory limit for the same ARL0 sits closer to the centre than the discrete chain's: skewed
        // scores need the wider limit the chain computes, or the chart alarms more often than planned
        double center = mean();
        double discrete = ScoreEwmaRunLength.limitFor(0.05, center, VALUES, new double[][] {PROBS}, 5000);
        double var = 0;
        for (int i = 0; i < VALUES.length; i++) {
            var += PROBS[i] * (VALUES[i] - center) * (VALUES[i] - center);
        }
        double sd = Math.sqrt(var);
        // a symmetric two-point score with the same mean and sd has (nearly) no skew
        double[] symmetric = {center - sd, center + sd};
        double[] half = {0.5, 0.5};
        double normalLike = ScoreEwmaRunLength.limitFor(0.05, center, symmetric, new double[][] {half}, 5000);
        assertThat(discrete).isLessThan(normalLike);
        assertThat(simulatedArl(0.05, center, normalLike, 300, 5)).isLessThan(5000 * 0.6);
    }

    @Test
    void averagingOverWhatTheBaselineMayHaveMissedWidensTheLimit() {
        // a baseline of 100 judgements drawn from the distribution above
        RandomGenerator rng = new Well19937c(3);
        double[] sample = new double[100];
        for (int j = 0; j < sample.length; j++) {
            double u = rng.nextDouble();
            int k = 0;
            double acc = PROBS[0];
            while (u > acc && k < PROBS.length - 1) {
                acc += PROBS[++k];
            }
            sample[j] = VALUES[k];
        }
        ScorePmf pmf = ScorePmf.estimate(sample);
        double total = java.util.Arrays.stream(pmf.counts()).sum();
        double[] pointEstimate = java.util.Arrays.stream(pmf.counts()).map(c -> c / total).toArray();
        double plugIn = ScoreEwmaRunLength.limitFor(0.05, pmf.mean(), pmf.values(), new double[][] {pointEstimate}, 5000);
        double[][] draws = pmf.posteriorDraws(12);
        double averaged = ScoreEwmaRunLength.limitFor(0.05, pmf.mean(), pmf.values(), draws, 5000);
        assertThat(averaged).isLessThan(plugIn);
        assertThat(1 / ScoreEwmaRunLength.averageRate(0.05, pmf.mean(), averaged, pmf.values(), draws))
                .isCloseTo(5000, within(5000 * 0.01));
        // the same baseline always gives the same draws
        assertThat(pmf.posteriorDraws(12)).isDeepEqualTo(draws);
        // scores never seen in the baseline keep a little probability
        assertThat(pmf.values()).contains(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(java.util.Arrays.stream(pmf.counts()).min().orElseThrow()).isPositive();
    }

    @Test
    void aLimitBelowEveryScoreNeverSignals() {
        assertThat(ScoreEwmaRunLength.arl(0.05, 4.0, 1.5, new double[] {2, 5}, new double[] {0.3, 0.7}, 0))
                .isInfinite();
    }
}
