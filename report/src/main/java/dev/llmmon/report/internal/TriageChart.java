package dev.llmmon.report.internal;

import dev.llmmon.triage.Isolation;
import dev.llmmon.triage.TriageResult;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.TimeZone;

/**
 * The triaged series as a PNG (JFreeChart, headless): the bad-outcome rate per window, the alert's window shaded,
 * the change point and its interval, and the nearby change events as vertical lines.
 */
public final class TriageChart {
    private TriageChart() {
    }

    public static byte[] png(TriageResult r, int width, int height) throws IOException {
        TimeSeries rate = new TimeSeries(r.metric() + ": share of " + r.outcome());
        for (Isolation.SeriesPoint p : r.isolation().series()) {
            if (p.units() > 0) {
                rate.add(new FixedMillisecond(p.windowStart().toEpochMilli()), p.rate());
            }
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        DateAxis time = new DateAxis("window start (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis axis = new NumberAxis("bad share");
        XYPlot plot = new XYPlot(new TimeSeriesCollection(rate), time, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        IntervalMarker window = new IntervalMarker(r.windowStart().toEpochMilli(), r.windowEnd().toEpochMilli());
        window.setPaint(new Color(0xffe0e0));
        window.setLabel("alert window");
        plot.addDomainMarker(window, Layer.BACKGROUND);
        Isolation i = r.isolation();
        if (i.changePoint() != null) {
            IntervalMarker interval = new IntervalMarker(i.low().toEpochMilli(), i.high().toEpochMilli());
            interval.setPaint(new Color(0xfff2cc));
            plot.addDomainMarker(interval, Layer.BACKGROUND);
            ValueMarker cp = new ValueMarker(i.changePoint().toEpochMilli(), new Color(0xd62728), new BasicStroke(2f));
            cp.setLabel("change point");
            plot.addDomainMarker(cp);
        }
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[]{6f, 4f}, 0f);
        for (Isolation.NearbyChange c : i.changes()) {
            ValueMarker m = new ValueMarker(c.at().toEpochMilli(), Color.DARK_GRAY, dashed);
            m.setLabel(c.kind());
            plot.addDomainMarker(m);
        }
        JFreeChart chart = new JFreeChart(r.feature() + " / " + r.model() + ": " + r.metric(),
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }
}
