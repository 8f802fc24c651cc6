package dev.llmmon.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmmon.alert.Alert;
import dev.llmmon.detect.DetectionResult;
import dev.llmmon.detect.PointResult;
import dev.llmmon.drift.CostAnomalies;
import dev.llmmon.drift.TokenBloat;
import dev.llmmon.internal.Version;
import dev.llmmon.internal.json.Json;
import dev.llmmon.internal.text.Numbers;
import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.QualityPoint;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;
import dev.llmmon.record.ChangeEvent;
import dev.llmmon.redact.Redactor;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * {@code report.html}: one self-contained page that opens from disk with no network. Per feature and model, charts
 * of latency percentiles, error and refusal rates, cost, tokens and judge quality over time, with the detection
 * run's chart statistic and control limits (as charted, never recomputed), alert spans and evidence windows, and
 * the team's change events; the alert table links to each alert's chart.
 *
 * <p>The charts are drawn by Apache ECharts, whose minified script (from the {@code org.webjars.npm:echarts} webjar)
 * is inlined at render time. The data goes into the page as one JSON blob in a {@code type="application/json"}
 * script element, with {@code <}, {@code >}, {@code &} and the JavaScript line separators escaped as {@code \\uXXXX}
 * so no value (a feature named {@code </script>...}) can end the element; the page's script builds every element
 * with {@code textContent}, never {@code innerHTML}. Alert messages and change descriptions are redacted first.
 */
public final class HtmlReport {
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/%s/dist/echarts.common.min.js";
    private static final String PAGE = "dev/llmmon/report/internal/report.html";
    private static final String APP = "dev/llmmon/report/internal/report.js";

    private HtmlReport() {
    }

    /** The page's data, as its script reads it. Times are epoch milliseconds, unknown values {@code null}. */
    record Page(String llmmonVersion, String generatedAt, String window, String detection, int violations,
                List<Feature> features, List<AlertRow> alerts, List<Change> changes) {
    }

    /** One feature: a panel per model (and one over all its models when it has several). */
    record Feature(String id, String name, List<Panel> panels) {
    }

    /** @param model the model id, {@code *} for the feature's roll-up over its models */
    record Panel(String model, List<Chart> charts) {
    }

    /**
     * @param id      the element id ({@code chart-N}); never derived from data
     * @param metrics the metric ids the chart shows: an alert on one of them is marked on it
     * @param control the charted series behind the chart, or {@code null} when none was charted
     */
    record Chart(String id, String title, String unit, List<String> metrics, List<Line> lines, Control control) {
    }

    /** @param points {@code [time, value]} pairs */
    record Line(String name, List<Number[]> points) {
    }

    /**
     * The detection run's chart of one series, as it was charted.
     *
     * @param units       {@code value} (the metric's units, drawn on its axis) or {@code sigma} (a second axis)
     * @param centre      the baseline mean (value units) or 0 (sigma units); {@code null} when unknown
     */
    record Control(String metric, String units, String detector, String baselineNote, Double centre,
                   List<Number[]> statistic, List<Number[]> upper, List<Number[]> lower,
                   List<Number[]> outOfControl) {
    }

    /**
     * @param chart    the element id the alert's link reaches: its chart, else its feature's section, else the
     *                 feature list
     * @param evidence {@code [time, statistic]} of the windows behind the alert
     */
    record AlertRow(String id, String kind, String severity, String status, String feature, String model,
                    String metric, long start, Long end, boolean closed, String value, String baseline,
                    String message, String chart, List<Number[]> evidence) {
    }

    /** @param feature {@code null} when the change concerns every feature */
    record Change(long time, String kind, String feature, String description) {
    }

    /** What a chart shows per window: a name and how to read it from a window row. */
    private record Measure(String metric, String name, ToDoubleFunction<WindowMetrics> read) {
    }

    /** The charts of a panel; quality charts read the judge's quality points instead of window rows. */
    private enum Group {
        LATENCY("Latency percentiles", "ms", SeriesMetric.LATENCY_P95_MS, List.of(),
                new Measure("latency_p50_ms", "p50", WindowMetrics::latencyP50Ms),
                new Measure("latency_p95_ms", "p95", WindowMetrics::latencyP95Ms),
                new Measure("latency_p99_ms", "p99", WindowMetrics::latencyP99Ms)),
        ERRORS("Error rate", "share of requests", SeriesMetric.ERROR_RATE, List.of("finish_reason_mix"),
                new Measure("error_rate", "error rate", WindowMetrics::errorRate)),
        REFUSALS("Refusal rate", "share of requests", SeriesMetric.REFUSAL_RATE, List.of(),
                new Measure("refusal_rate", "refusal rate", WindowMetrics::refusalRate)),
        COST("Cost per request", "USD", SeriesMetric.COST_PER_REQUEST_USD, List.of(CostAnomalies.METRIC),
                new Measure("cost_per_request_usd", "cost per request", WindowMetrics::costPerRequestUsd)),
        TOKENS("Tokens per request", "tokens", SeriesMetric.MEAN_OUTPUT_TOKENS,
                List.of(TokenBloat.METRIC, "input_tokens", "output_tokens"),
                new Measure("mean_input_tokens", "mean input tokens", WindowMetrics::meanInputTokens),
                new Measure("mean_output_tokens", "mean output tokens", WindowMetrics::meanOutputTokens)),
        QUALITY("Judge quality (mean score, 1-5)", "score", SeriesMetric.QUALITY_MEAN, List.of()),
        FLAGGED("Judge flagged rate", "share judged", SeriesMetric.QUALITY_FLAGGED_RATE, List.of());

        final String title;
        final String unit;
        final SeriesMetric control;
        final List<Measure> measures;
        /** Metrics of the other detectors (drift, anomalies) whose alerts are marked on this chart. */
        final List<String> related;

        Group(String title, String unit, SeriesMetric control, List<String> related, Measure... measures) {
            this.title = title;
            this.unit = unit;
            this.control = control;
            this.related = related;
            this.measures = List.of(measures);
        }
    }

    /**
     * @param detection the detection run's outcome, {@code null} when detection was off (the page then shows the
     *                  windows' values without limits or alerts)
     */
    public static String render(MonitorResult result, List<Thresholds.Violation> violations,
                                DetectionJob.Outcome detection) {
        return render(page(result, violations, detection, Instant.now()));
    }

    static String render(Page page) {
        String template = resource(PAGE);
        String echarts = resource(echartsPath());
        if (echarts.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("the bundled echarts.min.js contains '</script' and cannot be inlined");
        }
        // one pass over the template: a value that happens to contain a marker is never replaced again
        Map<String, String> parts = Map.of("/*@ECHARTS@*/", echarts, "/*@APP@*/", resource(APP), "@DATA@", json(page));
        StringBuilder html = new StringBuilder(template.length() + echarts.length() + (1 << 16));
        int at = 0;
        while (true) {
            int next = -1;
            String marker = null;
            for (String m : parts.keySet()) {
                int i = template.indexOf(m, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    marker = m;
                }
            }
            if (marker == null) {
                return html.append(template, at, template.length()).toString();
            }
            html.append(template, at, next).append(parts.get(marker));
            at = next + marker.length();
        }
    }

    /** The page's JSON, safe inside a script element: the escaped characters only ever occur inside JSON strings. */
    static String json(Page page) {
        try {
            return Json.MAPPER.writeValueAsString(page)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Page page(MonitorResult result, List<Thresholds.Violation> violations, DetectionJob.Outcome detection,
                     Instant generatedAt) {
        List<SeriesRun> runs = detection == null ? List.of() : detection.report().runs();
        List<QualityPoint> quality = result.quality() == null ? List.of() : result.quality().points();
        Map<String, Map<String, List<WindowMetrics>>> rows = new TreeMap<>();
        for (WindowMetrics w : result.windows()) {
            if (!w.key().isSliced()) {
                rows.computeIfAbsent(w.featureId(), k -> new TreeMap<>())
                        .computeIfAbsent(w.modelId(), k -> new ArrayList<>()).add(w);
            }
        }
        Set<String> featureIds = new TreeSet<>(rows.keySet());
        runs.forEach(r -> featureIds.add(r.key().feature()));
        quality.forEach(q -> featureIds.add(q.featureId()));

        int[] counter = {0};
        List<Feature> features = new ArrayList<>();
        for (String feature : featureIds) {
            Map<String, List<WindowMetrics>> byModel = rows.getOrDefault(feature, Map.of());
            List<Panel> panels = new ArrayList<>();
            for (String model : models(feature, byModel, runs, quality)) {
                List<WindowMetrics> windows = byModel.getOrDefault(model, List.of()).stream()
                        .sorted(Comparator.comparing(WindowMetrics::windowStart)).toList();
                List<QualityPoint> judged = quality.stream().filter(q -> feature.equals(q.featureId())
                        && model.equals(q.modelId() == null ? GroupKey.ALL_MODELS : q.modelId())).toList();
                List<SeriesRun> charted = runs.stream().filter(r -> r.key().feature().equals(feature)
                        && r.key().model().equals(model)).toList();
                List<Chart> charts = charts(windows, judged, charted, counter);
                if (!charts.isEmpty()) {
                    panels.add(new Panel(model, charts));
                }
            }
            features.add(new Feature("feature-" + features.size(), feature, panels));
        }

        List<AlertRow> alerts = detection == null ? List.of()
                : detection.alerts().stream().map(a -> alertRow(a, features)).toList();
        List<Change> changes = detection == null ? List.of() : detection.changes().stream()
                .sorted(Comparator.comparing(ChangeEvent::timestamp))
                .map(c -> new Change(c.timestamp().toEpochMilli(), c.kind(), c.featureId(),
                        redact(c.description())))
                .toList();
        return new Page(Version.get(), generatedAt.toString(), result.aggregation().window().toString(),
                detection == null ? "off" : detection.report().calibration().describe(), violations.size(),
                features, alerts, changes);
    }

    /** The roll-up first when the feature has several models (or was charted or judged over all of them). */
    private static List<String> models(String feature, Map<String, List<WindowMetrics>> byModel,
                                       List<SeriesRun> runs, List<QualityPoint> quality) {
        Set<String> models = new TreeSet<>(byModel.keySet());
        runs.stream().filter(r -> r.key().feature().equals(feature)).forEach(r -> models.add(r.key().model()));
        boolean rollupData = quality.stream().anyMatch(q -> feature.equals(q.featureId()) && q.modelId() == null)
                || runs.stream().anyMatch(r -> r.key().feature().equals(feature)
                        && GroupKey.ALL_MODELS.equals(r.key().model()));
        quality.stream().filter(q -> feature.equals(q.featureId()) && q.modelId() != null)
                .forEach(q -> models.add(q.modelId()));
        models.remove(GroupKey.ALL_MODELS);
        List<String> out = new ArrayList<>();
        if (models.size() > 1 || rollupData || models.isEmpty()) {
            out.add(GroupKey.ALL_MODELS);
        }
        out.addAll(models);
        return out;
    }

    private static List<Chart> charts(List<WindowMetrics> windows, List<QualityPoint> judged, List<SeriesRun> runs,
                                      int[] counter) {
        Map<SeriesMetric, SeriesRun> byMetric = new LinkedHashMap<>();
        runs.forEach(r -> byMetric.put(r.key().metric(), r));
        Set<SeriesMetric> shown = EnumSet.noneOf(SeriesMetric.class);
        List<Chart> charts = new ArrayList<>();
        for (Group group : Group.values()) {
            List<Line> lines = new ArrayList<>();
            for (Measure m : group.measures) {
                lines.add(new Line(m.name(), points(windows, WindowMetrics::windowStart, m.read()::applyAsDouble)));
            }
            if (group == Group.QUALITY) {
                lines.add(new Line("mean score", points(judged, QualityPoint::windowStart,
                        q -> q.meanScore() == null ? Double.NaN : q.meanScore())));
            } else if (group == Group.FLAGGED) {
                lines.add(new Line("flagged rate", points(judged, QualityPoint::windowStart,
                        q -> q.flaggedRate() == null ? Double.NaN : q.flaggedRate())));
            }
            SeriesRun run = byMetric.get(group.control);
            shown.add(group.control);
            List<String> metrics = new ArrayList<>(group.measures.stream().map(Measure::metric).toList());
            metrics.add(group.control.id());
            metrics.addAll(group.related);
            add(charts, counter, group.title, group.unit, metrics, lines, run);
        }
        // the other charted series (user-signal rates): a chart each, so their alerts have one to link to
        byMetric.forEach((metric, run) -> {
            if (!shown.contains(metric)) {
                List<Line> lines = List.of(new Line(metric.id(), points(run.result().points(),
                        PointResult::windowStart, PointResult::value)));
                add(charts, counter, metric.id(), "share", List.of(metric.id()), lines, run);
            }
        });
        return charts;
    }

    private static void add(List<Chart> charts, int[] counter, String title, String unit, List<String> metrics,
                            List<Line> lines, SeriesRun run) {
        List<Line> drawn = lines.stream().filter(l -> l.points().stream().anyMatch(p -> p[1] != null)).toList();
        Control control = run == null ? null : control(run);
        if (drawn.isEmpty() && (control == null || control.statistic().stream().allMatch(p -> p[1] == null))) {
            return;
        }
        charts.add(new Chart("chart-" + counter[0]++, title, unit, List.copyOf(new LinkedHashSet<>(metrics)),
                drawn, control));
    }

    private static Control control(SeriesRun run) {
        DetectionResult result = run.result();
        boolean sigma = result.units() == DetectionResult.Units.SIGMA;
        List<Number[]> statistic = new ArrayList<>();
        List<Number[]> upper = new ArrayList<>();
        List<Number[]> lower = new ArrayList<>();
        List<Number[]> out = new ArrayList<>();
        for (PointResult p : result.points()) {
            long t = p.windowStart().toEpochMilli();
            statistic.add(pair(t, p.statistic()));
            upper.add(pair(t, p.upperLimit()));
            lower.add(pair(t, p.lowerLimit()));
            if (p.outOfControl()) {
                out.add(pair(t, p.statistic()));
            }
        }
        Double centre = sigma ? Double.valueOf(0) : ReportDocument.finite(result.baseline().mean());
        return new Control(run.key().metric().id(), sigma ? "sigma" : "value", result.detector(),
                run.baselineNote(), centre, statistic, upper, lower, out);
    }

    private static AlertRow alertRow(Alert a, List<Feature> features) {
        String target = "features";
        for (Feature f : features) {
            if (!f.name().equals(a.feature())) {
                continue;
            }
            target = f.id();
            String chart = chartOf(f, a, true);
            if (chart == null) {
                chart = chartOf(f, a, false);
            }
            if (chart != null) {
                target = chart;
            }
        }
        List<Number[]> evidence = a.evidence().stream()
                .map(e -> pair(e.windowStart().toEpochMilli(), e.statistic())).toList();
        Instant end = a.closedAt() != null ? a.closedAt() : a.windowEnd();
        return new AlertRow(a.id(), a.kind().name().toLowerCase(Locale.ROOT), a.severity().name(),
                a.status().name(), a.feature(), a.model(), a.metric(), a.windowStart().toEpochMilli(),
                end == null ? null : end.toEpochMilli(), !a.open(), Numbers.format(a.value()),
                Numbers.format(a.baseline()), redact(a.message()), target, evidence);
    }

    /** The chart of the alert's metric on its model's panel ({@code sameModel}), or on any panel of the feature. */
    private static String chartOf(Feature f, Alert a, boolean sameModel) {
        for (Panel p : f.panels()) {
            if (sameModel && !p.model().equals(a.model())) {
                continue;
            }
            for (Chart c : p.charts()) {
                if (c.metrics().contains(a.metric())) {
                    return c.id();
                }
            }
        }
        return null;
    }

    private static <T> List<Number[]> points(List<T> items, Function<T, Instant> time, ToDoubleFunction<T> value) {
        return items.stream().map(i -> pair(time.apply(i).toEpochMilli(), value.applyAsDouble(i))).toList();
    }

    private static Number[] pair(long time, double value) {
        return new Number[] {time, ReportDocument.finite(value)};
    }

    private static String redact(String text) {
        return text == null ? null : Redactor.standard().redact(text).text();
    }

    /** The webjar's version names its folder: read it from the webjar rather than repeating it here. */
    private static String echartsPath() {
        Properties webjar = new Properties();
        try (InputStream in = resourceStream(WEBJAR)) {
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR, e);
        }
        return String.format(Locale.ROOT, ECHARTS, webjar.getProperty("version"));
    }

    private static String resource(String name) {
        try (InputStream in = resourceStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static InputStream resourceStream(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (the llmmon-report jar, or the "
                    + "org.webjars.npm:echarts webjar for the charts' script, is incomplete)");
        }
        return in;
    }
}
