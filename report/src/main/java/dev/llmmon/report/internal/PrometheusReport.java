package dev.llmmon.report.internal;

import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.MonitorResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OpenMetrics text exposition for a textfile collector or a Pushgateway: the latest window of each feature × model
 * (unsliced) as gauges, with the window start as a label, plus run counters. Gauges carry no timestamps because a
 * scrape of a batch job's output should show its latest values.
 */
public final class PrometheusReport {
    private PrometheusReport() {
    }

    public static String render(MonitorResult result) {
        Map<String, WindowMetrics> latest = new LinkedHashMap<>();
        for (WindowMetrics w : result.windows()) {
            if (!w.key().isSliced()) {
                latest.put(w.featureId() + "\u0000" + w.modelId(), w); // rows are in time order
            }
        }
        StringBuilder out = new StringBuilder();
        gauge(out, "llmmon_window_requests", "Requests in the latest window", latest, WindowMetrics::requests);
        gauge(out, "llmmon_window_error_ratio", "Error rate in the latest window", latest, WindowMetrics::errorRate);
        gauge(out, "llmmon_window_refusal_ratio", "Refusal rate in the latest window", latest, WindowMetrics::refusalRate);
        gauge(out, "llmmon_window_latency_p50_milliseconds", "Latency p50 in the latest window", latest, WindowMetrics::latencyP50Ms);
        gauge(out, "llmmon_window_latency_p95_milliseconds", "Latency p95 in the latest window", latest, WindowMetrics::latencyP95Ms);
        gauge(out, "llmmon_window_latency_p99_milliseconds", "Latency p99 in the latest window", latest, WindowMetrics::latencyP99Ms);
        gauge(out, "llmmon_window_cost_usd", "Known cost in the latest window", latest, WindowMetrics::costTotalUsd);
        gauge(out, "llmmon_window_cost_per_request_usd", "Mean known cost per request in the latest window", latest, WindowMetrics::costPerRequestUsd);
        gauge(out, "llmmon_window_output_tokens_mean", "Mean output tokens in the latest window", latest, WindowMetrics::meanOutputTokens);

        out.append("# TYPE llmmon_records counter\n# HELP llmmon_records Request records accepted by the run\n");
        out.append("llmmon_records_total ").append(result.ingest().records()).append('\n');
        out.append("# TYPE llmmon_rejected_records counter\n# HELP llmmon_rejected_records Input lines rejected, by reason\n");
        result.rejections().counts().forEach((reason, n) -> out.append("llmmon_rejected_records_total{reason=\"")
                .append(reason.name().toLowerCase(Locale.ROOT)).append("\"} ").append(n).append('\n'));
        out.append("# EOF\n");
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, Map<String, WindowMetrics> rows,
                              java.util.function.ToDoubleFunction<WindowMetrics> value) {
        out.append("# TYPE ").append(name).append(" gauge\n# HELP ").append(name).append(' ').append(help).append('\n');
        for (WindowMetrics w : rows.values()) {
            double v = value.applyAsDouble(w);
            out.append(name).append("{feature=\"").append(label(w.featureId())).append("\",model=\"")
                    .append(label(GroupKey.ALL_MODELS.equals(w.modelId()) ? "all" : w.modelId()))
                    .append("\",window_start=\"").append(w.windowStart()).append("\"} ")
                    .append(Double.isNaN(v) ? "NaN" : Double.toString(v)).append('\n');
        }
    }

    private static String label(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
