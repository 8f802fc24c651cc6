package dev.llmmon.quality;


/**
 * In-control run length of the lower one-sided EWMA with a reflecting barrier at the centre,
 * z_j = min(μ0, λ x_j + (1−λ) z_{j−1}), z_0 = μ0, signalling when z_j &lt; h, for scores x_j drawn independently from
 * a discrete distribution. Markov chain of Brook &amp; Evans (1972): the interval [h, μ0) cut into {@value #STATES}
 * bins, each represented by its midpoint, plus the atom at μ0 where the chart starts and returns; with a discrete
 * score each bin moves to exactly one bin per score value. Solved by Gaussian elimination on plain arrays
 * (Commons Math's LU gave the same ARLs four times slower, and a calibration solves some 170 chains).
 *
 * <p>The limit for a target ARL0 accounts for the baseline being a sample: the false-alarm rate 1/ARL0 is averaged
 * over distributions drawn from the posterior of the scores' distribution given the baseline ({@link
 * ScorePmf#posteriorDraws}). Without that, a small-λ chart whose baseline happened to hold few poor answers (so a
 * mean a little high and a thin lower tail) alarms many times more often than planned (Jones, Champ &amp; Rigdon
 * 2001): measured, 2 of 60 simulated charts raised 17 false alarms each in 4 weeks.
 */
final class ScoreEwmaRunLength {
    static final int STATES = 100;

    private ScoreEwmaRunLength() {
    }

    /** ARL of the chart centred at {@code center} for scores {@code values + shift} with those probabilities. */
    static double arl(double lambda, double center, double limit, double[] values, double[] probabilities,
                      double shift) {
        double lowest = Double.POSITIVE_INFINITY;
        for (double v : values) {
            lowest = Math.min(lowest, v + shift);
        }
        if (lowest >= limit) {
            return Double.POSITIVE_INFINITY; // z is a weighted mean of scores and can never fall below h
        }
        int n = STATES + 1; // bins 0..STATES-1, then the atom at the centre
        double width = (center - limit) / STATES;
        double[][] a = new double[n][n];
        for (int from = 0; from < n; from++) {
            double z = from == STATES ? center : limit + (from + 0.5) * width;
            a[from][from] += 1.0;
            for (int k = 0; k < values.length; k++) {
                double next = lambda * (values[k] + shift) + (1 - lambda) * z;
                int to;
                if (next >= center) {
                    to = STATES;
                } else if (next < limit) {
                    continue; // signal: absorbed
                } else {
                    to = Math.min(STATES - 1, (int) ((next - limit) / width));
                }
                a[from][to] -= probabilities[k];
            }
        }
        return solveForOnes(a)[STATES];
    }

    /**
     * Solves (I − Q) x = 1 by Gaussian elimination. I − Q of a substochastic Q is an M-matrix, for which
     * elimination without pivoting is stable; a vanishing pivot means states that never reach the limit.
     */
    private static double[] solveForOnes(double[][] a) {
        int n = a.length;
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0);
        for (int k = 0; k < n; k++) {
            double pivot = a[k][k];
            if (!(pivot > 1e-13)) {
                double[] infinite = new double[n];
                java.util.Arrays.fill(infinite, Double.POSITIVE_INFINITY);
                return infinite;
            }
            double[] rowK = a[k];
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] / pivot;
                if (f == 0) {
                    continue;
                }
                double[] rowI = a[i];
                for (int j = k + 1; j < n; j++) {
                    rowI[j] -= f * rowK[j];
                }
                b[i] -= f * b[k];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = b[i];
            for (int j = i + 1; j < n; j++) {
                sum -= a[i][j] * x[j];
            }
            x[i] = sum / a[i][i];
        }
        return x;
    }

    /**
     * The false-alarm rate per judgement averaged over several score distributions (draws of what the in-control
     * distribution may be), for a chart centred at the baseline mean.
     */
    static double averageRate(double lambda, double center, double limit, double[] values, double[][] draws) {
        double rate = 0;
        for (double[] probabilities : draws) {
            rate += 1 / arl(lambda, center, limit, values, probabilities, 0);
        }
        return rate / draws.length;
    }

    /**
     * The lower limit h for which the averaged false-alarm rate per judgement is 1/{@code targetArl}: bisection on
     * the distance below the centre (the rate falls as h moves down), to 1/65536 of the range.
     */
    static double limitFor(double lambda, double center, double[] values, double[][] draws, double targetArl) {
        double target = 1 / targetArl;
        double lo = 0;
        double hi = center - values[0];
        for (int i = 0; i < 16; i++) {
            double mid = (lo + hi) / 2;
            if (averageRate(lambda, center, center - mid, values, draws) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return center - (lo + hi) / 2;
    }
}
