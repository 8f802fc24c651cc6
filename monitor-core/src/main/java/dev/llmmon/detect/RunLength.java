package dev.llmmon.detect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * In-control average run lengths (ARL0) of the charts, computed rather than looked up, and the limit that gives a
 * wanted ARL0. Used to calibrate a whole family of charts (one per feature, model and metric) so that the family,
 * not each chart, false-alarms at the documented rate.
 *
 * <p>EWMA: the Markov-chain approximation of Brook &amp; Evans (1972) as used by Lucas &amp; Saccucci (1990): the
 * in-control region of the smoothed statistic is cut into {@value #STATES} states and the run length is the
 * absorption time of that chain. It uses the asymptotic limits (the chart's exact, narrower early limits make the
 * true ARL0 slightly shorter; by about 1% at ARL0 500) and the same ±{@value PhaseOne#INDIVIDUAL_CLIP}σ clip the
 * chart applies to individual values. It reproduces the published λ = 0.1, L = 2.814 → 500 and λ = 0.2,
 * L = 2.962 → 500 to within 1%, and {@code RunLengthTest} checks it against simulation.
 *
 * <p>CUSUM: Siegmund's (1985) approximation ARL0 = (e^{2kb} − 2kb − 1)/(2k²) per one-sided sum with b = h + 1.166
 * (k = 0.5, h = 5 → 938 one-sided, 469 two-sided; the published value is 465).
 *
 * <p>Both assume independent N(0, 1) standardized values while in control: that is what the charts' Phase I makes of
 * each window (see {@link PhaseOne}), not a property of the raw data.
 */
public final class RunLength {

    static final int STATES = 201;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private RunLength() {
    }

    /** ARL0 of an EWMA chart with smoothing λ and limit width L; {@code clip} = 0 for no clip. */
    static double ewma(double lambda, double limitWidth, Side side, double clip) {
        return ewma(lambda, limitWidth, side, clip, 0, 0);
    }

    /**
     * ARL of an EWMA chart when the standardized values have mean {@code shift} (ARL1 for a shift of that many σ).
     *
     * @param shewhart a single standardized value beyond ±shewhart (on the checked sides) signals at once; 0: none
     */
    static double ewma(double lambda, double limitWidth, Side side, double clip, double shewhart, double shift) {
        double sd = Math.sqrt(lambda / (2 - lambda));
        double upper = side.checksUpper() ? limitWidth * sd : (limitWidth + 12) * sd;
        double lower = side.checksLower() ? -limitWidth * sd : -(limitWidth + 12) * sd;
        double width = (upper - lower) / STATES;
        double[] centers = new double[STATES];
        for (int j = 0; j < STATES; j++) {
            centers[j] = lower + (j + 0.5) * width;
        }
        double[][] q = new double[STATES][STATES];
        for (int i = 0; i < STATES; i++) {
            double from = (1 - lambda) * centers[i];
            // values that signal on their own (beyond the Shewhart limit) never reach a state
            double floor = shewhart > 0 && side.checksLower() ? cdf(-shewhart - shift, clip) : 0;
            double ceiling = shewhart > 0 && side.checksUpper() ? cdf(shewhart - shift, clip) : 1;
            double previous = bounded(cdf((lower - from) / lambda - shift, clip), floor, ceiling);
            // a one-sided chart does not signal on the other side: the statistic stays in the outermost state
            double belowFirst = side.checksLower() ? 0 : previous;
            for (int j = 0; j < STATES; j++) {
                double next = bounded(cdf((lower + (j + 1) * width - from) / lambda - shift, clip), floor, ceiling);
                q[i][j] = next - previous;
                previous = next;
            }
            q[i][0] += belowFirst;
            if (!side.checksUpper()) {
                q[i][STATES - 1] += ceiling - floor - previous;
            }
        }
        Array2DRowRealMatrix m = new Array2DRowRealMatrix(STATES, STATES);
        for (int i = 0; i < STATES; i++) {
            for (int j = 0; j < STATES; j++) {
                m.setEntry(i, j, (i == j ? 1 : 0) - q[i][j]);
            }
        }
        RealVector ones = new ArrayRealVector(STATES, 1.0);
        RealVector arl = new LUDecomposition(m).getSolver().solve(ones);
        // the chart starts at 0: interpolate between the two states around it
        int k = (int) Math.floor((0 - lower) / width - 0.5);
        k = Math.max(0, Math.min(STATES - 2, k));
        double t = (0 - centers[k]) / width;
        return arl.getEntry(k) * (1 - t) + arl.getEntry(k + 1) * t;
    }

    /**
     * The limits of an {@link EwmaChart} for {@code kind} with an in-control ARL of {@code targetArl} windows.
     * Individual values and means: L alone, with values clipped at ±4 as the chart clips them. Proportions: a
     * combined Shewhart–EWMA chart, whose Shewhart limit takes a quarter of the false-alarm budget (a per-window
     * probability of 1/(4·targetArl), split between the checked sides) and L the rest, so that a single window
     * far out (an outage) signals at once.
     *
     * @param limitWidth    the EWMA's L
     * @param shewhartLimit the single-window limit in σ, 0 when there is none
     */
    public record EwmaLimits(double limitWidth, double shewhartLimit) {
    }

    /**
     * Solved to about 10⁻⁴ by bisection and remembered: a replay asks this for every run with the same few arguments,
     * and each evaluation solves a {@value #STATES}-state chain.
     */
    public static EwmaLimits ewmaLimitsFor(double lambda, double targetArl, Side side, Kind kind) {
        requireTarget(targetArl);
        boolean proportion = kind == Kind.PROPORTION;
        return LIMITS.computeIfAbsent(List.of(lambda, targetArl, side, proportion), key -> {
            double clip = proportion ? 0 : PhaseOne.INDIVIDUAL_CLIP;
            double shewhart = 0;
            if (proportion) {
                double perSide = 1 / (4 * targetArl) / (side == Side.BOTH ? 2 : 1);
                shewhart = -NORMAL.inverseCumulativeProbability(perSide);
            }
            double s = shewhart;
            double lo = 0.5;
            double hi = 8;
            for (int iteration = 0; iteration < 17; iteration++) {
                double mid = (lo + hi) / 2;
                if (ewma(lambda, mid, side, clip, s, 0) < targetArl) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return new EwmaLimits((lo + hi) / 2, shewhart);
        });
    }

    /** ARL of the {@link EwmaChart} for {@code kind} with these limits when the values have mean {@code shift}. */
    public static double ewma(double lambda, EwmaLimits limits, Side side, Kind kind, double shift) {
        return ewma(lambda, limits.limitWidth(), side, kind == Kind.PROPORTION ? 0 : PhaseOne.INDIVIDUAL_CLIP,
                limits.shewhartLimit(), shift);
    }

    private static final Map<List<Object>, EwmaLimits> LIMITS = new ConcurrentHashMap<>();

    /** ARL0 of a tabular CUSUM with reference value k and decision interval h (Siegmund's approximation). */
    public static double cusum(double k, double h, Side side) {
        double oneSided = cusumOneSided(k, h);
        return side == Side.BOTH ? oneSided / 2 : oneSided;
    }

    /** The CUSUM decision interval h whose ARL0 is {@code targetArl}. */
    public static double cusumIntervalFor(double k, double targetArl, Side side) {
        requireTarget(targetArl);
        double lo = 0.1;
        double hi = 200;
        for (int iteration = 0; iteration < 60; iteration++) {
            double mid = (lo + hi) / 2;
            if (cusum(k, mid, side) < targetArl) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double cusumOneSided(double k, double h) {
        double b = h + 1.166;
        if (k == 0) {
            return b * b; // the limit of Siegmund's formula as k → 0
        }
        double x = 2 * k * b;
        return (Math.exp(x) - x - 1) / (2 * k * k);
    }

    private static double bounded(double p, double floor, double ceiling) {
        return Math.max(floor, Math.min(ceiling, p)) - floor;
    }

    /** CDF of a standard normal clipped to [−clip, clip] (atoms at the ends); clip 0 means no clip. */
    private static double cdf(double x, double clip) {
        if (clip > 0) {
            if (x < -clip) {
                return 0;
            }
            if (x >= clip) {
                return 1;
            }
        }
        return NORMAL.cumulativeProbability(x);
    }

    private static void requireTarget(double targetArl) {
        if (!(targetArl > 1) || !Double.isFinite(targetArl)) {
            throw new IllegalArgumentException("target ARL0 must be a finite number of windows > 1, got " + targetArl);
        }
    }
}
