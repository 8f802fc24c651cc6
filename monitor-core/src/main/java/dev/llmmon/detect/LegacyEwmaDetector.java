package dev.llmmon.detect;

import dev.llmmon.detect.Episode.Direction;
import dev.llmmon.detect.PointResult.SkipReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The seed's rule, kept for comparison only; do not alert on it. An exponentially weighted mean and variance are
 * updated with each window (mean += α·d, var = (1−α)(var + α·d²), d = x − previous mean) and the window is
 * flagged when |x − mean| > k·√var, both already including that window.
 *
 * <p>Because the window is inside both its mean and its variance, |x − mean|/√var can never exceed √((1−α)/α):
 * with the seed's α = 0.1 that bound is exactly 3, so k = 3 can never fire, however large the change (apart from
 * floating-point ties when the previous variance is exactly 0). With k = 2 it flags about one window in 70 of pure
 * noise, yet flags under 2 % of the windows of a sustained 2σ shift, because the mean and variance learn the new
 * level within a few windows. See docs/detectors.md for the measured rates.
 *
 * <p>There is no frozen baseline: episodes carry {@code baselineMean = NaN}.
 *
 * <p>Values are used as they are (no binomial weighting); the first {@code warmupWindows} chartable windows only
 * train the mean and variance.
 */
public record LegacyEwmaDetector(double alpha, double k, int warmupWindows, Side side, long minCount)
        implements Detector {

    public static final double DEFAULT_ALPHA = 0.1;
    public static final double DEFAULT_K = 3;

    public LegacyEwmaDetector {
        Objects.requireNonNull(side, "side");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
        if (warmupWindows < 1) {
            throw new IllegalArgumentException("warmupWindows must be >= 1, got " + warmupWindows);
        }
    }

    /** α = 0.1, k = 3 (the seed's values), 30 warm-up windows, two-sided, windows under 20 requests skipped. */
    public static LegacyEwmaDetector defaults() {
        return new LegacyEwmaDetector(DEFAULT_ALPHA, DEFAULT_K, EwmaChart.DEFAULT_BASELINE_WINDOWS, Side.BOTH,
                EwmaChart.DEFAULT_MIN_COUNT);
    }

    public LegacyEwmaDetector withRule(double alpha, double k) {
        return new LegacyEwmaDetector(alpha, k, warmupWindows, side, minCount);
    }

    /** The largest |x − mean|/σ the rule can ever see: √((1−α)/α). */
    public double largestPossibleDeviation() {
        return Math.sqrt((1 - alpha) / alpha);
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "legacy-ewma(alpha=%s, k=%s, %s)", alpha, k, side);
    }

    @Override
    public DetectionResult run(List<SeriesPoint> series) {
        List<PointResult> points = new ArrayList<>(series.size());
        double mean = Double.NaN;
        double variance = 0;
        int seen = 0;
        List<SeriesPoint> warmup = new ArrayList<>();
        Episodes episodes = new Episodes(Double.NaN);
        for (int i = 0; i < series.size(); i++) {
            SeriesPoint p = series.get(i);
            if (i > 0 && !series.get(i - 1).windowStart().isBefore(p.windowStart())) {
                throw new IllegalArgumentException("series is not in strictly increasing time order: window "
                        + p.windowStart() + " (index " + i + ") follows " + series.get(i - 1).windowStart());
            }
            if (Double.isNaN(p.value())) {
                points.add(PointResult.skipped(p, SkipReason.NO_VALUE, "no value for this window"));
                continue;
            }
            if (p.n() < minCount) {
                points.add(PointResult.skipped(p, SkipReason.TOO_FEW_REQUESTS,
                        p.n() + " requests, fewer than the minimum " + minCount));
                continue;
            }
            seen++;
            if (seen == 1) {
                mean = p.value();
            } else {
                double d = p.value() - mean;
                mean += alpha * d;
                variance = (1 - alpha) * (variance + alpha * d * d);
            }
            if (seen <= warmupWindows) {
                warmup.add(p);
                points.add(PointResult.baseline(p));
                continue;
            }
            double deviation = p.value() - mean;
            double band = k * Math.sqrt(variance);
            Direction signal = null;
            if (side.checksUpper() && deviation > band) {
                signal = Direction.UP;
            } else if (side.checksLower() && deviation < -band) {
                signal = Direction.DOWN;
            }
            PointResult point = PointResult.charted(p, signal != null, mean,
                    side.checksLower() ? mean - band : Double.NaN, side.checksUpper() ? mean + band : Double.NaN);
            points.add(point);
            episodes.charted(point, signal);
        }
        BaselineSummary summary = new BaselineSummary(seen >= warmupWindows, Math.min(seen, warmupWindows),
                Math.max(0, warmupWindows - seen), warmup.stream().mapToLong(SeriesPoint::n).sum(),
                warmup.stream().mapToDouble(SeriesPoint::value).average().orElse(Double.NaN), Double.NaN, 1, List.of(),
                warmup.isEmpty() ? null : warmup.get(0).windowStart(),
                warmup.isEmpty() ? null : warmup.get(warmup.size() - 1).windowStart(), null);
        return new DetectionResult(name(), DetectionResult.Units.VALUE, summary, points, episodes.finish());
    }
}
