package dev.llmmon.charting;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.series.Series;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.series.SeriesSet;
import dev.llmmon.detect.Baseline;
import dev.llmmon.detect.CusumChart;
import dev.llmmon.detect.DetectionResult;
import dev.llmmon.detect.Detector;
import dev.llmmon.detect.Episode;
import dev.llmmon.detect.EwmaChart;
import dev.llmmon.detect.Kind;
import dev.llmmon.detect.LegacyEwmaDetector;
import dev.llmmon.detect.PointResult;
import dev.llmmon.detect.RunLength;
import dev.llmmon.detect.SeriesPoint;
import dev.llmmon.detect.Side;
import dev.llmmon.metrics.QualityPoint;
import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The facade: replays every (feature, model, metric) series through the plan's chart and turns each episode into
 * one alert. Pure and deterministic: the same windows give the same alerts, ids included.
 */
public final class Detection {
    private Detection() {
    }

    /**
     * @param windows the monitor's window metrics (only unsliced per-model rows are used)
     * @param quality the judge's quality points, or an empty list
     */
    public static DetectionReport run(DetectionPlan plan, List<WindowMetrics> windows, List<QualityPoint> quality) {
        return run(plan, SeriesSet.from(windows, quality, plan.metrics()));
    }

    /** Replays an already built (or stored) set of series; latency is charted as each window's p95. */
    public static DetectionReport run(DetectionPlan plan, SeriesSet set) {
        return run(plan, set, new WindowDetail());
    }

    /**
     * Replays a set of series. Where {@code detail} has the windows' records (not for a series store's history), a
     * latency series is charted as the share of requests slower than its baseline's p95 (a proportion) instead of
     * each window's p95, and output tokens as the mean per answer (failed and refused requests left out: they have
     * their own charts), with the baseline's within-window spread as a floor under σ̂₁.
     */
    public static DetectionReport run(DetectionPlan plan, SeriesSet set, WindowDetail detail) {
        ModelChanges changes = ModelChanges.in(set);
        List<SeriesRun> runs = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<Series> selected = set.all().stream().filter(s -> plan.metrics().contains(s.key().metric())).toList();
        Calibration calibration = Calibration.of(plan, (int) selected.stream().filter(s -> chartable(plan, s)).count());
        for (Series series : selected) {
            Setup setup = setUp(plan, set, changes, series);
            Kind kind = series.key().metric().kind();
            double sigmaFloor = 0;
            if (!detail.isEmpty() && series.key().metric() == SeriesMetric.LATENCY_P95_MS) {
                Optional<Setup> share = DetailSeries.latencyShare(plan, series, setup, detail);
                if (share.isPresent()) {
                    setup = share.get();
                    kind = Kind.PROPORTION;
                }
            } else if (!detail.isEmpty() && series.key().metric() == SeriesMetric.MEAN_OUTPUT_TOKENS) {
                Optional<DetailSeries.Floored> answers = DetailSeries.answerTokens(plan, series, setup, detail);
                if (answers.isPresent()) {
                    setup = answers.get().setup();
                    sigmaFloor = answers.get().sigmaFloor();
                }
            }
            DetectionResult result = detector(plan, calibration, series.key().metric(), kind, setup.baseline(),
                    sigmaFloor).run(setup.charted());
            runs.add(new SeriesRun(series.key(), series, setup.charted(), setup.note(), result));
            for (Episode e : result.episodes()) {
                alerts.add(alert(series, result, e, kind, setup.note()));
            }
        }
        alerts.sort(Comparator.comparing(Alert::windowStart).thenComparing(Alert::feature)
                .thenComparing(a -> String.valueOf(a.model())).thenComparing(Alert::metric));
        return new DetectionReport(runs, alerts, calibration);
    }

    /**
     * What one series is charted on: its points (or, for a new model, the previous model's baseline windows
     * followed by its own), the baseline, a note, and from when on the points are the series' own model's
     * ({@code null}: all of them).
     */
    record Setup(List<SeriesPoint> charted, Baseline baseline, String note, String previousModel, Instant ownFrom) {
        Setup(List<SeriesPoint> charted, Baseline baseline, String note) {
            this(charted, baseline, note, null, null);
        }

        /** The model whose requests the point at {@code start} counts. */
        String modelAt(Instant start, String own) {
            return previousModel != null && start.isBefore(ownFrom) ? previousModel : own;
        }
    }

    private static Setup setUp(DetectionPlan plan, SeriesSet set, ModelChanges changes, Series series) {
        BaselineSpec spec = plan.baseline();
        if (spec instanceof BaselineSpec.FirstWindows first) {
            return new Setup(series.points(), Baseline.firstWindows(first.count()),
                    "first " + first.count() + " chartable windows");
        }
        if (spec instanceof BaselineSpec.Pinned pinned) {
            return new Setup(series.points(), Baseline.between(pinned.from(), pinned.to()),
                    "pinned " + pinned.from() + " to " + pinned.to());
        }
        if (spec instanceof BaselineSpec.Trailing trailing) {
            // relative to the end of the data, the same for every series, so a rerun on the same logs agrees
            Instant end = set.all().stream().flatMap(s -> s.points().stream().map(p -> p.windowStart().plus(s.window())))
                    .max(Instant::compareTo).orElse(Instant.EPOCH);
            Instant to = end.minus(trailing.recent());
            Instant from = to.minus(trailing.span());
            return new Setup(series.points(), Baseline.between(from, to),
                    "trailing " + trailing.span() + " ending " + trailing.recent() + " before the data's end (" + from + " to " + to + ")");
        }
        BaselineSpec.BeforeModelChange before = (BaselineSpec.BeforeModelChange) spec;
        SeriesKey key = series.key();
        Optional<Instant> change = Optional.ofNullable(before.changes().get(key.feature()))
                .or(() -> changes.lastChange(key.feature()));
        if (change.isEmpty()) {
            int count = EwmaChart.DEFAULT_BASELINE_WINDOWS;
            return new Setup(series.points(), Baseline.firstWindows(count),
                    "no model change found for feature " + key.feature() + ": first " + count + " chartable windows");
        }
        Instant to = change.get();
        Instant from = to.minus(before.span());
        Baseline baseline = Baseline.between(from, to);
        String range = before.span() + " before the change at " + to;
        boolean hasOwnBaseline = series.points().stream()
                .anyMatch(p -> !p.windowStart().isBefore(from) && p.windowStart().isBefore(to));
        if (hasOwnBaseline || GroupKey.ALL_MODELS.equals(key.model())) {
            return new Setup(series.points(), baseline, range);
        }
        // A model that arrived with the change has no history of its own: judge it against the model it replaced.
        Series previous = null;
        long previousCount = 0;
        for (Series other : set.all()) {
            SeriesKey k = other.key();
            if (!k.feature().equals(key.feature()) || k.metric() != key.metric() || k.model().equals(key.model())
                    || GroupKey.ALL_MODELS.equals(k.model()) || !other.window().equals(series.window())) {
                continue;
            }
            long count = other.points().stream()
                    .filter(p -> !p.windowStart().isBefore(from) && p.windowStart().isBefore(to))
                    .mapToLong(SeriesPoint::n).sum();
            if (count > previousCount) {
                previous = other;
                previousCount = count;
            }
        }
        if (previous == null) {
            return new Setup(series.points(), baseline, range + " (no model served the feature then)");
        }
        List<SeriesPoint> charted = new ArrayList<>();
        previous.points().stream()
                .filter(p -> !p.windowStart().isBefore(from) && p.windowStart().isBefore(to))
                .forEach(charted::add);
        series.points().stream().filter(p -> !p.windowStart().isBefore(to)).forEach(charted::add);
        return new Setup(charted, baseline, range + ", measured on the previous model " + previous.key().model(),
                previous.key().model(), to);
    }

    /** A series counts in the family when it has at least one window with a value and enough requests. */
    private static boolean chartable(DetectionPlan plan, Series series) {
        long minCount = plan.minCountOf(series.key().metric());
        return series.points().stream().anyMatch(p -> !Double.isNaN(p.value()) && p.n() >= minCount);
    }

    static Detector detector(DetectionPlan plan, Calibration calibration, SeriesMetric metric, Baseline baseline) {
        return detector(plan, calibration, metric, metric.kind(), baseline, 0);
    }

    static Detector detector(DetectionPlan plan, Calibration calibration, SeriesMetric metric, Kind kind,
                             Baseline baseline, double sigmaFloor) {
        Side side = plan.sideOf(metric);
        long minCount = plan.minCountOf(metric);
        return switch (plan.chart()) {
            case EWMA -> {
                RunLength.EwmaLimits ewma = calibration.ewmaLimits(side, kind);
                yield EwmaChart.of(kind).withSmoothing(EwmaChart.DEFAULT_LAMBDA, ewma.limitWidth())
                        .withShewhartLimit(ewma.shewhartLimit()).withBaseline(baseline).withSide(side)
                        .withMinCount(minCount).withSigmaFloor(sigmaFloor);
            }
            case CUSUM -> CusumChart.of(kind).withParameters(CusumChart.DEFAULT_K, calibration.cusumInterval(side))
                    .withBaseline(baseline).withSide(side).withMinCount(minCount).withSigmaFloor(sigmaFloor);
            case LEGACY -> {
                LegacyEwmaDetector d = LegacyEwmaDetector.defaults();
                yield new LegacyEwmaDetector(d.alpha(), d.k(), d.warmupWindows(), side, minCount);
            }
        };
    }

    private static Alert alert(Series series, DetectionResult result, Episode e, Kind kind, String setupNote) {
        SeriesKey key = series.key();
        SeriesMetric metric = key.metric();
        boolean up = e.direction() == Episode.Direction.UP;
        long peakN = e.evidence().stream().filter(p -> p.windowStart().equals(e.peakWindow()))
                .mapToLong(PointResult::n).findFirst().orElse(0);
        double deviation = deviation(kind, result, e.peakValue(), peakN);
        List<Alert.Evidence> evidence = e.evidence().stream()
                .map(p -> new Alert.Evidence(p.windowStart(), p.value(), p.n(), p.statistic(),
                        up ? p.upperLimit() : p.lowerLimit()))
                .toList();
        String units = result.units() == DetectionResult.Units.VALUE ? "value" : "sigma";
        Severity severity = metric.severity(deviation);
        String what = metric == SeriesMetric.LATENCY_P95_MS && kind == Kind.PROPORTION
                ? metric.id() + " (" + setupNote + ")" : metric.id();
        String message = String.format(Locale.ROOT,
                "%s %s for feature %s, model %s: %s at %s against a baseline of %s (%.1f sd out), %s",
                what, up ? "up" : "down", key.feature(), key.model(), Alert.number(e.peakValue()), e.peakWindow(),
                Alert.number(e.baselineMean()), deviation, e.open() ? "still out of control" : "back in control at " + e.closedAt());
        return Alert.of(AlertKind.CONTROL_CHART, key.feature(), key.model(), metric.id(), e.start())
                .windowEnd(e.lastSignal().plus(series.window())).closedAt(e.closedAt())
                .value(e.peakValue(), e.baselineMean()).limit(e.limit(), units).deviation(deviation)
                .direction(e.direction().name()).severity(severity).describedBy(result.detector(), message)
                .evidence(evidence).build();
    }

    /** The peak window's score: (peak − μ0)/σ̂, or the binomial tail score of a proportion (see BaselineSummary). */
    private static double deviation(Kind kind, DetectionResult result, double peak, long n) {
        return result.baseline().score(kind, peak, n);
    }

}
