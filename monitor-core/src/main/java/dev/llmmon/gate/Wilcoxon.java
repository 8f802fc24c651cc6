package dev.llmmon.gate;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;

/**
 * Wilcoxon's signed-rank test on paired differences (candidate - baseline score), with zeros and ties handled
 * explicitly. Judge scores are coarse (1..5, means of a few repeats), so most differences are zero and many tie.
 * <ul>
 * <li>Zeros: {@link ZeroMethod#PRATT} (the gate's choice) ranks the zeros with the rest and then drops their ranks,
 *     so many unchanged cases make a few changed ones count less; {@link ZeroMethod#WILCOXON} drops the zeros
 *     before ranking (R's {@code wilcox.test}).</li>
 * <li>Ties get midranks.</li>
 * <li>Exact p (the permutation distribution of the signs, conditional on the midranks, so exact with ties and
 *     zeros too) for up to {@value #EXACT_LIMIT} nonzero differences, by counting over doubled midranks; above, the
 *     normal approximation with the variance of the actual midranks (the tie correction) and a continuity
 *     correction of 1/2.</li>
 * </ul>
 * Hand-written: commons-math3's {@code WilcoxonSignedRankTest} has no zero handling choice, no one-sided p and no
 * exact distribution with ties. Differences are rounded to 12 significant digits before ranking, so 0.1 + 0.2 and
 * 0.3 tie.
 */
public final class Wilcoxon {
    /** Largest number of nonzero differences with an exact p. */
    public static final int EXACT_LIMIT = 50;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Wilcoxon() {
    }

    public enum ZeroMethod { PRATT, WILCOXON }

    /** Which direction the alternative takes, for differences candidate - baseline. */
    public enum Alternative { LESS, GREATER, TWO_SIDED }

    /**
     * @param positiveRankSum W+, the sum of the ranks of the positive differences (R's V)
     * @param nonZero         differences that carry a sign
     * @param zeros           differences that are zero
     * @param exact           p from the exact distribution, not the normal approximation
     */
    public record Result(double positiveRankSum, int nonZero, int zeros, double p, boolean exact) {
    }

    public static Result test(double[] differences, Alternative alternative, ZeroMethod zeroMethod) {
        return test(differences, alternative, zeroMethod, EXACT_LIMIT);
    }

    /** As {@link #test(double[], Alternative, ZeroMethod)} with another exact limit (tests compare both ways). */
    static Result test(double[] differences, Alternative alternative, ZeroMethod zeroMethod, int exactLimit) {
        double[] d = new double[differences.length];
        int zeros = 0;
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(differences[i])) {
                throw new IllegalArgumentException("difference " + i + " is not finite: " + differences[i]);
            }
            d[i] = round(differences[i]);
            if (d[i] == 0) {
                zeros++;
            }
        }
        double[] ranked = zeroMethod == ZeroMethod.PRATT ? d : Arrays.stream(d).filter(x -> x != 0).toArray();
        double[] ranks = midranks(ranked);
        int nonZero = ranked.length - (zeroMethod == ZeroMethod.PRATT ? zeros : 0);
        int[] doubled = new int[nonZero];
        double wPlus = 0;
        int k = 0;
        for (int i = 0; i < ranked.length; i++) {
            if (ranked[i] != 0) {
                doubled[k++] = (int) Math.round(2 * ranks[i]);
                if (ranked[i] > 0) {
                    wPlus += ranks[i];
                }
            }
        }
        if (nonZero == 0) {
            return new Result(0, 0, zeros, 1, true);
        }
        double p;
        boolean exact = nonZero <= exactLimit;
        if (exact) {
            double[] dist = distribution(doubled);
            int observed = (int) Math.round(2 * wPlus);
            double lowerTail = 0;
            double upperTail = 0;
            for (int s = 0; s < dist.length; s++) {
                if (s <= observed) {
                    lowerTail += dist[s];
                }
                if (s >= observed) {
                    upperTail += dist[s];
                }
            }
            p = pick(alternative, lowerTail, upperTail);
        } else {
            double mean = 0;
            double variance = 0;
            for (int r2 : doubled) {
                mean += r2 / 4.0;
                variance += r2 * (double) r2 / 16.0;
            }
            double sd = Math.sqrt(variance);
            double lowerTail = NORMAL.cumulativeProbability((wPlus - mean + 0.5) / sd);
            double upperTail = 1 - NORMAL.cumulativeProbability((wPlus - mean - 0.5) / sd);
            p = pick(alternative, lowerTail, upperTail);
        }
        return new Result(wPlus, nonZero, zeros, Math.min(1, p), exact);
    }

    private static double pick(Alternative alternative, double lowerTail, double upperTail) {
        return switch (alternative) {
            case LESS -> lowerTail;
            case GREATER -> upperTail;
            case TWO_SIDED -> Math.min(1, 2 * Math.min(lowerTail, upperTail));
        };
    }

    /** Null distribution of 2 W+: each doubled rank enters with probability 1/2. */
    private static double[] distribution(int[] doubledRanks) {
        int total = Arrays.stream(doubledRanks).sum();
        double[] dist = new double[total + 1];
        dist[0] = 1;
        int reach = 0;
        for (int r : doubledRanks) {
            for (int s = reach; s >= 0; s--) {
                if (dist[s] != 0) {
                    dist[s + r] += dist[s] / 2;
                    dist[s] /= 2;
                }
            }
            reach += r;
        }
        return dist;
    }

    /** Midranks of |x| (1-based). */
    static double[] midranks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(x[a]), Math.abs(x[b])));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Math.abs(x[order[j + 1]]) == Math.abs(x[order[i]])) {
                j++;
            }
            double mid = (i + j + 2) / 2.0;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = mid;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double round(double v) {
        if (Math.abs(v) < 1e-12) {
            return 0;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }
}
