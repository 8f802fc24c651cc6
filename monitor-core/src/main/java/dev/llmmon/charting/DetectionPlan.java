package dev.llmmon.charting;

import dev.llmmon.series.SeriesMetric;
import dev.llmmon.detect.EwmaChart;
import dev.llmmon.detect.Side;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to chart and how.
 *
 * @param chart     EWMA (default), CUSUM, or LEGACY (comparison only)
 * @param baseline  first N windows (default 30), a pinned range, or the span before the last model change
 * @param minCount  windows with fewer requests are skipped with a reason (default 20)
 * @param minJudged quality windows with fewer ok judgements are skipped (default 10: judges sample)
 * @param metrics   which metrics to chart (default: all but judge quality)
 * @param sides     per-metric overrides of {@link SeriesMetric#defaultSide()}
 * @param familyArl in-control average run length, in windows, of the whole family of charts of a run (default
 *                  {@value #DEFAULT_FAMILY_ARL}): with m series each chart's limit is set for an ARL0 of
 *                  m·familyArl, so the family together false-alarms about once per familyArl windows, as one
 *                  textbook chart would. 0 turns this off: each chart then uses its textbook limit (ARL0 ≈ 500 on
 *                  its own, so m charts false-alarm about m times as often)
 */
public record DetectionPlan(ChartType chart, BaselineSpec baseline, long minCount, long minJudged,
                            Set<SeriesMetric> metrics, Map<SeriesMetric, Side> sides, double familyArl) {

    public static final long DEFAULT_MIN_JUDGED = 10;
    public static final double DEFAULT_FAMILY_ARL = 500;

    public DetectionPlan {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(baseline, "baseline");
        if (minCount < 0 || minJudged < 0) {
            throw new IllegalArgumentException("minimum counts must be >= 0, got " + minCount + " and " + minJudged);
        }
        if (!(familyArl == 0 || familyArl > 1 && Double.isFinite(familyArl))) {
            throw new IllegalArgumentException("family ARL0 must be 0 (off) or a number of windows > 1, got " + familyArl);
        }
        metrics = metrics.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(metrics));
        sides = sides.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(sides));
    }

    /**
     * Every metric but judge quality, which a 5% judge sample leaves below {@code minJudged} in most windows: the
     * quality-drop detector ({@code dev.llmmon.quality}) charts individual judgements instead. Naming
     * {@code quality_mean} or {@code quality_flagged_rate} in {@link #withMetrics} still charts them per window.
     */
    public static DetectionPlan defaults() {
        return new DetectionPlan(ChartType.EWMA, BaselineSpec.firstWindows(EwmaChart.DEFAULT_BASELINE_WINDOWS),
                EwmaChart.DEFAULT_MIN_COUNT, DEFAULT_MIN_JUDGED,
                EnumSet.complementOf(EnumSet.of(SeriesMetric.QUALITY_MEAN, SeriesMetric.QUALITY_FLAGGED_RATE)),
                Map.of(), DEFAULT_FAMILY_ARL);
    }

    public DetectionPlan withChart(ChartType chart) {
        return new DetectionPlan(chart, baseline, minCount, minJudged, metrics, sides, familyArl);
    }

    public DetectionPlan withBaseline(BaselineSpec baseline) {
        return new DetectionPlan(chart, baseline, minCount, minJudged, metrics, sides, familyArl);
    }

    public DetectionPlan withMinCount(long minCount) {
        return new DetectionPlan(chart, baseline, minCount, minJudged, metrics, sides, familyArl);
    }

    public DetectionPlan withMetrics(Set<SeriesMetric> metrics) {
        return new DetectionPlan(chart, baseline, minCount, minJudged, metrics, sides, familyArl);
    }

    public DetectionPlan withSide(SeriesMetric metric, Side side) {
        Map<SeriesMetric, Side> all = new EnumMap<>(SeriesMetric.class);
        all.putAll(sides);
        all.put(metric, side);
        return new DetectionPlan(chart, baseline, minCount, minJudged, metrics, all, familyArl);
    }

    public DetectionPlan withFamilyArl(double familyArl) {
        return new DetectionPlan(chart, baseline, minCount, minJudged, metrics, sides, familyArl);
    }

    public boolean familyCalibrated() {
        return familyArl > 0;
    }

    public Side sideOf(SeriesMetric metric) {
        return sides.getOrDefault(metric, metric.defaultSide());
    }

    public long minCountOf(SeriesMetric metric) {
        return metric.fromQuality() ? minJudged : minCount;
    }
}
