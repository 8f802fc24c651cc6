package dev.llmmon.charting;

import dev.llmmon.detect.Baseline;
import dev.llmmon.detect.SeriesPoint;
import dev.llmmon.series.Series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Series charted from the records' {@link WindowDetail} rather than from the window metrics alone.
 *
 * <p>Latency as a proportion: per window, the share of requests slower than the baseline's pooled p95. Under
 * control that share is binomial with p0 ≈ 0.05 whatever the shape of the latency distribution, so the exact
 * binomial tail score applies: one slow request in a 20-request night window is not a signal (P(X ≥ 1) = 0.64),
 * while a ×3 slowdown of a busy hour is many σ in its first window. A window's own p95, charted as an individual
 * value, is its maximum at n = 20 and swings with every heavy-tailed request.
 *
 * <p>Output tokens per answer: failed (0 tokens) and refused (a short apology) requests are left out, since their
 * own charts show them, and the within-window standard deviation pooled over the baseline's windows is a floor
 * under σ̂₁: for skewed counts the 30-window moving range misses the rare large values the requests do have.
 */
final class DetailSeries {
    private DetailSeries() {
    }

    /** A setup with a floor under σ̂₁ (0: none). */
    record Floored(Detection.Setup setup, double sigmaFloor) {
    }

    /** The share setup for a latency series, or empty when the histograms cannot give one (the p95 chart is used). */
    static Optional<Detection.Setup> latencyShare(DetectionPlan plan, Series series, Detection.Setup p95, WindowDetail detail) {
        Optional<List<WindowDetail.Histogram>> found = perWindow(series, p95,
                p -> detail.window(series.key().feature(), p95.modelAt(p.windowStart(), series.key().model()),
                        p.windowStart(), series.window()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<WindowDetail.Histogram> windows = found.get();
        long minCount = plan.minCountOf(series.key().metric());
        WindowDetail.Histogram pooled = new WindowDetail.Histogram();
        int taken = 0;
        for (int i = 0; i < windows.size(); i++) {
            WindowDetail.Histogram h = windows.get(i);
            if (h.total() >= minCount && inBaseline(p95.baseline(), p95.charted().get(i).windowStart(), taken)) {
                pooled.addAll(h);
                taken++;
            }
        }
        if (pooled.total() == 0) {
            return Optional.empty();
        }
        int bin = pooled.quantileBin(0.95);
        if (pooled.above(bin) == 0) {
            return Optional.empty(); // every baseline latency at or below one bin: no share to chart
        }
        List<SeriesPoint> charted = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            WindowDetail.Histogram h = windows.get(i);
            long n = h.total();
            charted.add(new SeriesPoint(p95.charted().get(i).windowStart(), n == 0 ? Double.NaN : h.above(bin) / (double) n, n));
        }
        String note = String.format(Locale.ROOT, "share of requests slower than %.0f ms, the baseline's p95; baseline %s",
                WindowDetail.lowerEdge(bin + 1), p95.note());
        return Optional.of(new Detection.Setup(charted, p95.baseline(), note, p95.previousModel(), p95.ownFrom()));
    }

    /** Output tokens per answer with the baseline's pooled within-window σ as a floor, or empty (the window means are used). */
    static Optional<Floored> answerTokens(DetectionPlan plan, Series series, Detection.Setup means, WindowDetail detail) {
        Optional<List<WindowDetail.Moments>> found = perWindow(series, means,
                p -> detail.answers(series.key().feature(), means.modelAt(p.windowStart(), series.key().model()),
                        p.windowStart(), series.window()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<WindowDetail.Moments> windows = found.get();
        long minCount = plan.minCountOf(series.key().metric());
        double squares = 0;
        long degrees = 0;
        int taken = 0;
        List<SeriesPoint> charted = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            WindowDetail.Moments m = windows.get(i);
            Instant start = means.charted().get(i).windowStart();
            charted.add(new SeriesPoint(start, m.mean(), m.count()));
            if (m.count() >= minCount && inBaseline(means.baseline(), start, taken)) {
                squares += m.squaredDeviations();
                degrees += m.count() - 1;
                taken++;
            }
        }
        double floor = degrees > 0 ? Math.sqrt(squares / degrees) : 0;
        String note = "output tokens per answer (failed and refused requests left out); baseline " + means.note();
        return Optional.of(new Floored(new Detection.Setup(charted, means.baseline(), note, means.previousModel(),
                means.ownFrom()), floor));
    }

    private static <T> Optional<List<T>> perWindow(Series series, Detection.Setup setup,
                                                   Function<SeriesPoint, Optional<T>> lookup) {
        List<T> out = new ArrayList<>();
        for (SeriesPoint p : setup.charted()) {
            Optional<T> found = lookup.apply(p);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            out.add(found.get());
        }
        return Optional.of(out);
    }

    /** Whether a chartable window belongs to the baseline, given how many chartable windows came before it. */
    private static boolean inBaseline(Baseline baseline, Instant start, int chartableBefore) {
        if (baseline instanceof Baseline.FirstWindows first) {
            return chartableBefore < first.count();
        }
        if (baseline instanceof Baseline.Between between) {
            return !start.isBefore(between.from()) && start.isBefore(between.to());
        }
        return false;
    }
}
