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
 * Tabular CUSUM (Page 1954; Montgomery, Introduction to SQC §9.1) on the same standardized values u_i as
 * {@link EwmaChart}: C⁺_i = max(0, C⁺_{i−1} + u_i − k), C⁻_i = max(0, C⁻_{i−1} − u_i − k), signal when either
 * exceeds h. Defaults k = 0.5, h = 5 (tuned to a 1σ shift) give a two-sided in-control ARL of about 465 windows
 * (each one-sided sum alone: about 930).
 *
 * <p>The reported statistic is C⁺ when C⁺ ≥ C⁻ and −C⁻ otherwise, with limits −h and +h, in σ units. The sums
 * are capped at 2h: this cannot change when the first signal happens (at h), but it bounds the memory of a long
 * incident so that its episode closes within about h/k windows after the series returns to normal.
 */
public record CusumChart(Kind kind, Baseline baseline, double k, double h, Side side, long minCount,
                         double sigmaFloor) implements Detector {

    public static final double DEFAULT_K = 0.5;
    public static final double DEFAULT_H = 5;

    public CusumChart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(side, "side");
        if (!(k >= 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("reference value k must be >= 0, got " + k);
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("decision interval h must be > 0, got " + h);
        }
        if (minCount < 0) {
            throw new IllegalArgumentException("minCount must be >= 0, got " + minCount);
        }
        if (!(sigmaFloor >= 0) || !Double.isFinite(sigmaFloor)) {
            throw new IllegalArgumentException("sigma floor must be >= 0 (0: none), got " + sigmaFloor);
        }
    }

    /** k = 0.5, h = 5, two-sided, baseline = first 30 chartable windows, windows under 20 requests skipped. */
    public static CusumChart of(Kind kind) {
        return new CusumChart(kind, Baseline.firstWindows(EwmaChart.DEFAULT_BASELINE_WINDOWS), DEFAULT_K, DEFAULT_H,
                Side.BOTH, EwmaChart.DEFAULT_MIN_COUNT, 0);
    }

    public CusumChart withParameters(double k, double h) {
        return new CusumChart(kind, baseline, k, h, side, minCount, sigmaFloor);
    }

    public CusumChart withBaseline(Baseline baseline) {
        return new CusumChart(kind, baseline, k, h, side, minCount, sigmaFloor);
    }

    public CusumChart withSide(Side side) {
        return new CusumChart(kind, baseline, k, h, side, minCount, sigmaFloor);
    }

    public CusumChart withMinCount(long minCount) {
        return new CusumChart(kind, baseline, k, h, side, minCount, sigmaFloor);
    }

    /** As {@link EwmaChart#withSigmaFloor}. */
    public CusumChart withSigmaFloor(double floor) {
        return new CusumChart(kind, baseline, k, h, side, minCount, floor);
    }

    @Override
    public String name() {
        String floor = sigmaFloor > 0 && kind == Kind.MEAN ? String.format(Locale.ROOT, ", sigma1>=%.4g", sigmaFloor) : "";
        return String.format(Locale.ROOT, "cusum(k=%s, h=%s%s, %s, %s)", k, h, floor, side, kind);
    }

    @Override
    public DetectionResult run(List<SeriesPoint> series) {
        Prepared prepared = PhaseOne.prepare(series, kind, baseline, minCount, sigmaFloor);
        Episodes episodes = new Episodes(prepared.summary().mean());
        List<PointResult> points = new ArrayList<>(series.size());
        double ceiling = 2 * h;
        double upper = 0;
        double lower = 0;
        for (Slot slot : prepared.slots()) {
            if (slot.role() != Role.MONITOR) {
                points.add(PhaseOne.nonMonitored(slot));
                continue;
            }
            double u = slot.standardized();
            if (side.checksUpper()) {
                upper = Math.min(ceiling, Math.max(0, upper + u - k));
            }
            if (side.checksLower()) {
                lower = Math.min(ceiling, Math.max(0, lower - u - k));
            }
            Direction signal = null;
            if (upper > h) {
                signal = Direction.UP;
            } else if (lower > h) {
                signal = Direction.DOWN;
            }
            double statistic = upper >= lower ? upper : -lower;
            PointResult point = PointResult.charted(slot.point(), signal != null, statistic,
                    side.checksLower() ? -h : Double.NaN, side.checksUpper() ? h : Double.NaN);
            points.add(point);
            if (episodes.charted(point, signal)) {
                upper = 0; // restart after the condition clears, as the EWMA does
                lower = 0;
            }
        }
        return new DetectionResult(name(), DetectionResult.Units.SIGMA, prepared.summary(), points,
                episodes.finish());
    }
}
