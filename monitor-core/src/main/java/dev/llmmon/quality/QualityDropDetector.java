package dev.llmmon.quality;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.metrics.JudgedScore;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.SeriesDetector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Judge quality per feature and model as a lower one-sided EWMA over individual judgements in request-time order
 * ({@link QualityChart}), so a feature judged 3–5 times an hour is charted from its 101st judgement instead of
 * waiting for hourly windows of 10. Each drop is one {@link AlertKind#QUALITY_DROP} alert naming feature, model,
 * the dimension that fell most and the first window with evidence. Its findings' detail is a {@link Report}.
 */
public final class QualityDropDetector implements SeriesDetector {
    /** The metric id of its alerts. */
    public static final String METRIC = "quality_score";

    private final QualityPlan plan;

    public QualityDropDetector(QualityPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * What the detector did.
     *
     * @param charts one per feature and model, ordered by feature then model
     * @param family charts past their baseline (the m of the family calibration)
     */
    public record Report(QualityPlan plan, List<QualityChart> charts, int family) {
        public Report {
            charts = List.copyOf(charts);
        }

        public List<QualityChart> collectingBaseline() {
            return charts.stream().filter(QualityChart::collectingBaseline).toList();
        }

        /** One sentence: how many charts, how many still collecting their baseline, at what false-alarm rate. */
        public String describe() {
            List<QualityChart> collecting = collectingBaseline();
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "Judge quality: %d chart(s) (feature x model) over individual judgements, EWMA lambda %s, each"
                            + " set so that together they false-alarm about once per %.0f hours",
                    charts.size(), Alert.number(plan.lambda()), plan.familyArlHours()));
            if (!collecting.isEmpty()) {
                out.append("; ").append(collecting.size()).append(" still collecting their baseline of ")
                        .append(plan.baselineJudgements()).append(" judgements, e.g. ");
                collecting.stream().limit(3).forEach(c -> out.append(c.feature()).append('/').append(c.model())
                        .append(" (").append(c.baselineRemaining()).append(" to go) "));
                out.setLength(out.length() - 1);
            }
            return out.append('.').toString();
        }
    }

    @Override
    public Findings detect(DetectionInput input) {
        Report report = charts(input.judged());
        List<Alert> alerts = new ArrayList<>();
        for (QualityChart chart : report.charts()) {
            for (QualityChart.Episode e : chart.episodes()) {
                alerts.add(alert(chart, e, input.window()));
            }
        }
        return new Findings(alerts, report);
    }

    /** The charts over these judgements (any order; they are grouped by feature and model, then sorted by time). */
    public Report charts(List<JudgedScore> judged) {
        record Key(String feature, String model) {
        }
        Map<Key, List<JudgedScore>> groups = new TreeMap<>(Comparator.comparing(Key::feature,
                        Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(Key::model, Comparator.nullsFirst(Comparator.<String>naturalOrder())));
        for (JudgedScore s : judged) {
            groups.computeIfAbsent(new Key(s.featureId(), s.modelId()), k -> new ArrayList<>()).add(s);
        }
        Map<Key, QualityChart.Baseline> baselines = new TreeMap<>(((TreeMap<Key, ?>) groups).comparator());
        groups.forEach((k, scores) -> {
            scores.sort(Comparator.comparing(JudgedScore::requestTime).thenComparing(JudgedScore::requestId));
            baselines.put(k, QualityChart.baseline(scores, plan.baselineJudgements()));
        });
        int family = (int) baselines.values().stream().filter(Objects::nonNull).count();
        List<QualityChart> charts = new ArrayList<>();
        groups.forEach((k, scores) -> {
            QualityChart.Baseline b = baselines.get(k);
            double arl0 = b == null ? Double.NaN
                    : Math.max(plan.minArlJudgements(), family * plan.familyArlHours() * b.perHour());
            charts.add(QualityChart.run(k.feature(), k.model(), scores, plan, b, arl0));
        });
        return new Report(plan, charts, family);
    }

    private Alert alert(QualityChart chart, QualityChart.Episode e, Duration window) {
        long size = window.toMillis();
        Instant first = Instant.ofEpochMilli(Math.floorDiv(e.onset().toEpochMilli(), size) * size);
        // evidence per window: mean score, judgements, the EWMA at the window's last judgement
        TreeMap<Instant, double[]> byWindow = new TreeMap<>();
        for (QualityChart.Point p : e.evidence()) {
            Instant start = Instant.ofEpochMilli(Math.floorDiv(p.time().toEpochMilli(), size) * size);
            double[] acc = byWindow.computeIfAbsent(start, k -> new double[3]);
            acc[0] += p.score();
            acc[1]++;
            acc[2] = p.statistic();
        }
        List<Alert.Evidence> evidence = new ArrayList<>();
        byWindow.forEach((start, acc) -> evidence.add(new Alert.Evidence(start, acc[0] / acc[1], (long) acc[1],
                acc[2], chart.limit())));
        Instant lastWindow = byWindow.isEmpty() ? first : byWindow.lastKey();
        double deviation = (e.evidenceMean() - chart.baselineMean()) * Math.sqrt(e.evidenceCount())
                / chart.baselineSd();
        Severity severity = Math.abs(deviation) >= 6 ? Severity.CRITICAL : Severity.MAJOR;
        String dimension = e.dimensionDrops().entrySet().stream().findFirst()
                .map(d -> String.format(Locale.ROOT, "; largest drop in %s (%s points)", d.getKey(),
                        Alert.number(d.getValue())))
                .orElse("");
        String detector = String.format(Locale.ROOT, "quality-ewma(lambda=%s, baseline=%d judgements, ARL0=%.0f judgements)",
                Alert.number(plan.lambda()), plan.baselineJudgements(), chart.arl0());
        String message = String.format(Locale.ROOT,
                "judge quality down for feature %s, model %s: mean score %s over %d judgements since %s (first window"
                        + " with evidence %s) against a baseline of %s (%.1f sd out); the EWMA fell below %s at %s%s; %s",
                chart.feature(), chart.model(), Alert.number(e.evidenceMean()), e.evidenceCount(), e.onset(), first,
                Alert.number(chart.baselineMean()), deviation, Alert.number(chart.limit()), e.signal(), dimension,
                e.open() ? "still out of control" : "back in control at " + e.closedAt());
        return Alert.of(AlertKind.QUALITY_DROP, chart.feature(), chart.model(), METRIC, first)
                .windowEnd(lastWindow.plus(window))
                .closedAt(e.closedAt() == null ? null
                        : Instant.ofEpochMilli(Math.floorDiv(e.closedAt().toEpochMilli(), size) * size))
                .value(e.evidenceMean(), chart.baselineMean()).limit(chart.limit(), "value").deviation(deviation)
                .direction("DOWN").severity(severity).describedBy(detector, message).evidence(evidence).build();
    }

}
