package dev.llmmon.detect;

import dev.llmmon.detect.Episode.Direction;
import dev.llmmon.detect.PhaseOne.Prepared;
import dev.llmmon.detect.PhaseOne.Role;
import dev.llmmon.detect.PhaseOne.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The standard EWMA control chart (Roberts 1959; Lucas &amp; Saccucci 1990) on standardized window values.
 *
 * <p>Every monitored window is standardized with the frozen baseline ({@link BaselineSummary#score}): u_i =
 * (x_i − μ0)/σ̂ for {@link Kind#INDIVIDUAL}, (x_i − μ0)·√n_i/σ̂₁ for {@link Kind#MEAN}, the binomial tail score under
 * p0 for {@link Kind#PROPORTION}. The chart smooths
 * w_i = λu_i + (1−λ)w_{i−1}, w_0 = 0, and signals when |w_i| exceeds L·√(λ/(2−λ)·[1−(1−λ)^{2i}]), where i counts
 * monitored windows. For individual values this is exactly the textbook chart z_i = μ0 + σ̂w_i with limits
 * μ0 ± Lσ̂√(…), and results are reported in value units. For means and proportions it is an EWMA of
 * unit-variance scores (each window weighted by its size, so a 12-request window moves the chart far less than a
 * 12,000-request one at the same rate), reported in σ units. Skipped windows neither update w nor advance i.
 *
 * <p>Defaults λ = 0.1, L = 2.814 give an in-control average run length (ARL0) of about 500 windows for a
 * two-sided chart; λ = 0.2, L = 2.962 also give 500 and react faster to large shifts. A one-sided chart with the
 * same L has roughly twice the ARL0, since only one tail can signal.
 */
public record EwmaChart(Kind kind, Baseline baseline, double lambda, double limitWidth, Side side, long minCount,
                        double shewhartLimit, double sigmaFloor) implements Detector {

    public static final double DEFAULT_LAMBDA = 0.1;
    /** With {@link #DEFAULT_LAMBDA}: ARL0 ≈ 500 (Lucas &amp; Saccucci 1990). */
    public static final double DEFAULT_LIMIT_WIDTH = 2.814;
    public static final double ALTERNATIVE_LAMBDA = 0.2;
    /** With {@link #ALTERNATIVE_LAMBDA}: ARL0 ≈ 500. */
    public static final double ALTERNATIVE_LIMIT_WIDTH = 2.962;
    public static final int DEFAULT_BASELINE_WINDOWS = 30;
    public static final long DEFAULT_MIN_COUNT = 20;

    public EwmaChart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(side, "side");
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must lie in (0, 1], got " + lambda);
        }
        if (!(limitWidth > 0) || !Double.isFinite(limitWidth)) {
            throw new IllegalArgumentException("limit width L must be > 0, got " + limitWidth);
        }
        if (minCount < 0) {
            throw new IllegalArgumentException("minCount must be >= 0, got " + minCount);
        }
        if (!(shewhartLimit >= 0)) {
            throw new IllegalArgumentException("Shewhart limit must be >= 0 (0: none), got " + shewhartLimit);
        }
        if (!(sigmaFloor >= 0) || !Double.isFinite(sigmaFloor)) {
            throw new IllegalArgumentException("sigma floor must be >= 0 (0: none), got " + sigmaFloor);
        }
    }

    /** λ = 0.1, L = 2.814, two-sided, baseline = first 30 chartable windows, windows under 20 requests skipped. */
    public static EwmaChart of(Kind kind) {
        return new EwmaChart(kind, Baseline.firstWindows(DEFAULT_BASELINE_WINDOWS), DEFAULT_LAMBDA,
                DEFAULT_LIMIT_WIDTH, Side.BOTH, DEFAULT_MIN_COUNT, 0, 0);
    }

    public EwmaChart withSmoothing(double lambda, double limitWidth) {
        return new EwmaChart(kind, baseline, lambda, limitWidth, side, minCount, shewhartLimit, sigmaFloor);
    }

    /**
     * Adds a Shewhart limit to the chart (the combined Shewhart–EWMA scheme of Lucas &amp; Saccucci 1990): a single
     * window whose standardized value lies beyond ±{@code limit} signals at once, which a small-λ EWMA on its own
     * is slow to do for a large jump. Only proportions use it (individual values and means are clipped precisely so
     * that one heavy-tailed window cannot signal); 0 removes it. {@link RunLength} gives the combined ARL0.
     */
    public EwmaChart withShewhartLimit(double limit) {
        return new EwmaChart(kind, baseline, lambda, limitWidth, side, minCount, limit, sigmaFloor);
    }

    public EwmaChart withBaseline(Baseline baseline) {
        return new EwmaChart(kind, baseline, lambda, limitWidth, side, minCount, shewhartLimit, sigmaFloor);
    }

    public EwmaChart withSide(Side side) {
        return new EwmaChart(kind, baseline, lambda, limitWidth, side, minCount, shewhartLimit, sigmaFloor);
    }

    public EwmaChart withMinCount(long minCount) {
        return new EwmaChart(kind, baseline, lambda, limitWidth, side, minCount, shewhartLimit, sigmaFloor);
    }

    /**
     * For means: σ̂₁ (one request's standard deviation) is at least {@code floor}, e.g. the pooled within-window
     * standard deviation of the baseline's requests, which sees the rare large values (a refusal among one-token
     * answers) that a 30-window moving range misses. 0: the moving-range estimate alone.
     */
    public EwmaChart withSigmaFloor(double floor) {
        return new EwmaChart(kind, baseline, lambda, limitWidth, side, minCount, shewhartLimit, floor);
    }

    @Override
    public String name() {
        String shewhart = shewhartLimit > 0 && kind == Kind.PROPORTION ? ", shewhart=" + shewhartLimit : "";
        String floor = sigmaFloor > 0 && kind == Kind.MEAN ? String.format(Locale.ROOT, ", sigma1>=%.4g", sigmaFloor) : "";
        return String.format(Locale.ROOT, "ewma(lambda=%s, L=%s%s%s, %s, %s)", lambda, limitWidth, shewhart, floor, side, kind);
    }

    /**
     * Individual values and means are clipped at ±4 by Phase I (see {@link PhaseOne}) and here, in the first
     * monitored windows, also just under limit_i/λ: the exact limit of window 1 is λL, so without this a single
     * heavy-tailed window could signal alone there (and after every restart). From window 2 or 3 on limit_i/λ
     * exceeds 4 at any L above 3 and only the ±4 clip acts, which is what {@link RunLength} models. Proportions
     * are not clipped: a one-window outage is real.
     */
    private double clip(double u, double halfWidth) {
        if (kind == Kind.PROPORTION) {
            return u;
        }
        double c = Math.min(PhaseOne.INDIVIDUAL_CLIP, halfWidth / lambda * (1 - 1e-9)); // just under: λc must stay below the limit
        return Math.max(-c, Math.min(c, u));
    }

    @Override
    public DetectionResult run(List<SeriesPoint> series) {
        Prepared prepared = PhaseOne.prepare(series, kind, baseline, minCount, sigmaFloor);
        BaselineSummary summary = prepared.summary();
        boolean valueUnits = kind == Kind.INDIVIDUAL;
        double center = valueUnits ? summary.mean() : 0;
        double scale = valueUnits ? summary.sigma() : 1;
        Episodes episodes = new Episodes(summary.mean());
        List<PointResult> points = new ArrayList<>(series.size());
        double asymptoticVariance = lambda / (2 - lambda);
        double w = 0;
        int i = 0;
        boolean shewhart = shewhartLimit > 0 && kind == Kind.PROPORTION;
        boolean smoothedSignal = false; // the EWMA itself (not only the Shewhart limit) signalled in this episode
        for (Slot slot : prepared.slots()) {
            if (slot.role() != Role.MONITOR) {
                points.add(PhaseOne.nonMonitored(slot));
                continue;
            }
            i++;
            double halfWidth = limitWidth * Math.sqrt(asymptoticVariance * (1 - Math.pow(1 - lambda, 2.0 * i)));
            w = lambda * clip(slot.standardized(), halfWidth) + (1 - lambda) * w;
            Direction signal = null;
            if (side.checksUpper() && (w > halfWidth || shewhart && slot.standardized() > shewhartLimit)) {
                signal = Direction.UP;
            } else if (side.checksLower() && (w < -halfWidth || shewhart && slot.standardized() < -shewhartLimit)) {
                signal = Direction.DOWN;
            }
            PointResult point = PointResult.charted(slot.point(), signal != null, center + scale * w,
                    side.checksLower() ? center - scale * halfWidth : Double.NaN,
                    side.checksUpper() ? center + scale * halfWidth : Double.NaN);
            points.add(point);
            smoothedSignal |= side.checksUpper() && w > halfWidth || side.checksLower() && w < -halfWidth;
            if (episodes.charted(point, signal)) {
                // restart after the condition clears (Montgomery §9.2): the decaying memory of one incident must
                // not carry the next ordinary wobble over the limit as a second alert. An episode the Shewhart
                // limit alone opened leaves the EWMA as it is: it may be halfway to signalling the same condition.
                if (smoothedSignal) {
                    w = 0;
                    i = 0;
                }
                smoothedSignal = false;
            }
        }
        return new DetectionResult(name(), valueUnits ? DetectionResult.Units.VALUE : DetectionResult.Units.SIGMA,
                summary, points, episodes.finish());
    }
}
