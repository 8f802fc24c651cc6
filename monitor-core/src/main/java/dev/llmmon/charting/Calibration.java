package dev.llmmon.charting;

import dev.llmmon.detect.CusumChart;
import dev.llmmon.detect.EwmaChart;
import dev.llmmon.detect.Kind;
import dev.llmmon.detect.RunLength;
import dev.llmmon.detect.Side;

/**
 * How the charts of one detection run were set so that the run as a whole, not each chart, false-alarms at the
 * planned rate: with {@code series} charts each gets an in-control ARL of {@code series × familyArl} windows
 * (Bonferroni on the false-alarm rate: the family's rate is at most the sum of the charts', whatever their
 * correlation). The limit that gives it is computed per side and kind (see {@link RunLength}).
 *
 * @param series      the number of series charted in the run (m)
 * @param familyArl   the planned in-control run length of the family, in windows; 0 when not calibrated
 * @param perChartArl the in-control run length each chart was set for ({@code NaN} when not calibrated)
 */
public record Calibration(int series, double familyArl, double perChartArl) {

    static Calibration of(DetectionPlan plan, int series) {
        if (!plan.familyCalibrated() || plan.chart() == ChartType.LEGACY) {
            return new Calibration(series, 0, Double.NaN);
        }
        return new Calibration(series, plan.familyArl(), plan.familyArl() * Math.max(1, series));
    }

    public boolean calibrated() {
        return familyArl > 0;
    }

    /** For logs and reports, e.g. "97 series, each set for ARL0 48500 so all together alarm about once per 500 windows". */
    public String describe() {
        if (!calibrated()) {
            return series + " series at textbook limits (ARL0 about 500 each)";
        }
        return String.format(java.util.Locale.ROOT, "%d series, each set for ARL0 %.0f so that all together "
                + "false-alarm about once per %.0f windows", series, perChartArl, familyArl);
    }

    /** A chart's EWMA limits for this run, or the textbook L (and no Shewhart limit) when not calibrated. */
    RunLength.EwmaLimits ewmaLimits(Side side, Kind kind) {
        if (!calibrated()) {
            return new RunLength.EwmaLimits(EwmaChart.DEFAULT_LIMIT_WIDTH, 0);
        }
        RunLength.EwmaLimits exact = RunLength.ewmaLimitsFor(EwmaChart.DEFAULT_LAMBDA, perChartArl, side, kind);
        return new RunLength.EwmaLimits(round(exact.limitWidth()), round(exact.shewhartLimit()));
    }

    /** A chart's CUSUM decision interval h for this run, or the textbook default when not calibrated. */
    double cusumInterval(Side side) {
        return calibrated() ? round(RunLength.cusumIntervalFor(CusumChart.DEFAULT_K, perChartArl, side))
                : CusumChart.DEFAULT_H;
    }

    /** Three decimals, as limits are published: keeps detector names short and stable across JVMs. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
