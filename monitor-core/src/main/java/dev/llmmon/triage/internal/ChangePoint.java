package dev.llmmon.triage.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The single change point of a binomial series (bad of n per window) where the rate rose: the split that maximises
 * the two-segment binomial log-likelihood (for equal n this is the argmax of the CUSUM path), with a 90% interval
 * from a parametric bootstrap (the fitted before and after rates redrawn with the same n, the split re-estimated;
 * Hinkley 1970's approach to the change point's sampling distribution).
 */
public final class ChangePoint {
    private ChangePoint() {
    }

    /**
     * @param index  first window of the new regime
     * @param low    5th percentile of the bootstrap estimates
     * @param high   95th percentile
     * @param before rate before {@code index}
     * @param after  rate from {@code index} on
     */
    public record Estimate(int index, int low, int high, double before, double after) {
    }

    /** The estimate, or {@code null} when there are fewer than 4 windows with units or no split raises the rate. */
    public static Estimate estimate(long[] n, long[] bad, int resamples, long seed) {
        int k = argmax(n, bad);
        if (k < 0) {
            return null;
        }
        double before = rate(n, bad, 0, k);
        double after = rate(n, bad, k, n.length);
        SplittableRandom random = new SplittableRandom(seed);
        int[] estimates = new int[resamples];
        long[] simulated = new long[n.length];
        int done = 0;
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n.length; i++) {
                simulated[i] = binomial(random, n[i], i < k ? before : after);
            }
            int kb = argmax(n, simulated);
            if (kb >= 0) {
                estimates[done++] = kb;
            }
        }
        if (done == 0) {
            return new Estimate(k, k, k, before, after);
        }
        int[] sorted = Arrays.copyOf(estimates, done);
        Arrays.sort(sorted);
        int low = Math.min(k, sorted[(int) Math.floor(0.05 * (done - 1))]);
        int high = Math.max(k, sorted[(int) Math.ceil(0.95 * (done - 1))]);
        return new Estimate(k, low, high, before, after);
    }

    /** The split maximising the log-likelihood among those where the rate rises; -1 when there is none. */
    static int argmax(long[] n, long[] bad) {
        long total = 0, totalBad = 0;
        int withUnits = 0;
        for (int i = 0; i < n.length; i++) {
            total += n[i];
            totalBad += bad[i];
            withUnits += n[i] > 0 ? 1 : 0;
        }
        if (withUnits < 4 || total == 0) {
            return -1;
        }
        long leftN = 0, leftBad = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestK = -1;
        for (int k = 1; k < n.length; k++) {
            leftN += n[k - 1];
            leftBad += bad[k - 1];
            long rightN = total - leftN, rightBad = totalBad - leftBad;
            if (leftN == 0 || rightN == 0 || n[k] == 0) {
                continue; // a change is placed at a window that has units
            }
            if ((double) rightBad / rightN <= (double) leftBad / leftN) {
                continue;
            }
            double ll = ll(leftBad, leftN) + ll(rightBad, rightN);
            if (ll > best) {
                best = ll;
                bestK = k;
            }
        }
        return bestK;
    }

    private static double ll(long x, long n) {
        double p = (double) x / n;
        return (x == 0 ? 0 : x * Math.log(p)) + (x == n ? 0 : (n - x) * Math.log(1 - p));
    }

    private static double rate(long[] n, long[] bad, int from, int to) {
        long nn = 0, bb = 0;
        for (int i = from; i < to; i++) {
            nn += n[i];
            bb += bad[i];
        }
        return nn == 0 ? Double.NaN : (double) bb / nn;
    }

    /** Inversion for small n, a normal approximation (clamped) above: the bootstrap needs shape, not exact tails. */
    private static long binomial(SplittableRandom r, long n, double p) {
        if (n == 0 || !(p > 0)) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n <= 200) {
            long x = 0;
            for (long i = 0; i < n; i++) {
                x += r.nextDouble() < p ? 1 : 0;
            }
            return x;
        }
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        double g = r.nextDouble(), h = r.nextDouble();
        double z = Math.sqrt(-2 * Math.log(1 - g)) * Math.cos(2 * Math.PI * h);
        return Math.max(0, Math.min(n, Math.round(mean + sd * z)));
    }
}
