package dev.llmmon.report.internal;

import dev.llmmon.alert.Alert;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.detect.DetectionResult;
import dev.llmmon.detect.PointResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * A control-chart picture for one alert (PNG, drawn with JFreeChart, headless): the chart statistic with its
 * centre line and limits, the alert's out-of-control windows marked, and the raw window values (on a second axis
 * when the chart is in σ units, as for proportions).
 */
public final class AlertChart {
    static {
        // Rendering to a file needs no display; must be set before the first AWT class loads.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * @param points  charted windows drawn (baseline and in/out-of-control, not skipped ones)
     * @param marked  windows marked as the alert's evidence
     */
    public record Picture(Path file, int points, int marked) {
    }

    private AlertChart() {
    }

    public static Picture writePng(SeriesRun run, Alert alert, Path file) throws IOException {
        return writePng(run, alert, file, 1000, 450);
    }

    public static Picture writePng(SeriesRun run, Alert alert, Path file, int width, int height) throws IOException {
        DetectionResult result = run.result();
        boolean sigma = result.units() == DetectionResult.Units.SIGMA;
        Set<Long> evidence = new HashSet<>();
        alert.evidence().forEach(e -> evidence.add(e.windowStart().toEpochMilli()));

        TimeSeries statistic = new TimeSeries("chart statistic");
        TimeSeries upper = new TimeSeries("upper limit");
        TimeSeries lower = new TimeSeries("lower limit");
        TimeSeries centre = new TimeSeries(sigma ? "centre (0)" : "baseline mean");
        TimeSeries marked = new TimeSeries("alert windows");
        TimeSeries values = new TimeSeries(run.key().metric().id());
        double centreValue = sigma ? 0 : result.baseline().mean();
        int drawn = 0;
        for (PointResult p : result.points()) {
            if (p.status() == PointResult.Status.SKIPPED || Double.isNaN(p.value())) {
                continue;
            }
            drawn++;
            FixedMillisecond t = new FixedMillisecond(p.windowStart().toEpochMilli());
            values.add(t, p.value());
            if (!Double.isNaN(centreValue)) {
                centre.add(t, centreValue);
            }
            if (Double.isNaN(p.statistic())) {
                continue;
            }
            statistic.add(t, p.statistic());
            if (!Double.isNaN(p.upperLimit())) {
                upper.add(t, p.upperLimit());
            }
            if (!Double.isNaN(p.lowerLimit())) {
                lower.add(t, p.lowerLimit());
            }
            if (evidence.contains(t.getFirstMillisecond())) {
                marked.add(t, p.statistic());
            }
        }

        TimeSeriesCollection chartData = new TimeSeriesCollection();
        XYLineAndShapeRenderer chartRenderer = new XYLineAndShapeRenderer(true, false);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f);
        // empty series (the unchecked side of a one-sided chart) are left out of the picture and its legend
        for (TimeSeries s : new TimeSeries[] {statistic, upper, lower, centre, marked}) {
            if (s.getItemCount() == 0) {
                continue;
            }
            int i = chartData.getSeriesCount();
            chartData.addSeries(s);
            if (s == statistic) {
                chartRenderer.setSeriesPaint(i, new Color(0x1f77b4));
            } else if (s == upper || s == lower) {
                chartRenderer.setSeriesPaint(i, new Color(0xd62728));
            } else if (s == centre) {
                chartRenderer.setSeriesPaint(i, Color.DARK_GRAY);
                chartRenderer.setSeriesStroke(i, dashed);
            } else {
                chartRenderer.setSeriesLinesVisible(i, false);
                chartRenderer.setSeriesShapesVisible(i, true);
                chartRenderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
                chartRenderer.setSeriesPaint(i, new Color(0xff7f0e));
            }
        }

        DateAxis time = new DateAxis("window start (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis chartAxis = new NumberAxis(sigma ? "chart statistic (sd units)" : run.key().metric().id());
        chartAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(chartData, time, chartAxis, chartRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        XYLineAndShapeRenderer valueRenderer = new XYLineAndShapeRenderer(false, true);
        valueRenderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        valueRenderer.setSeriesPaint(0, new Color(0x7f7f7f));
        plot.setDataset(1, new TimeSeriesCollection(values));
        plot.setRenderer(1, valueRenderer);
        if (sigma) {
            NumberAxis valueAxis = new NumberAxis(run.key().metric().id());
            valueAxis.setAutoRangeIncludesZero(false);
            plot.setRangeAxis(1, valueAxis);
            plot.mapDatasetToRangeAxis(1, 1);
        }

        String title = String.format("%s %s/%s: alert %s (%s, %s)", run.key().metric().id(), run.key().feature(),
                run.key().model(), alert.id(), alert.severity(), alert.status());
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
        return new Picture(file, drawn, marked.getItemCount());
    }
}
