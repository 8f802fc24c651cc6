package dev.llmmon.monitor;

import dev.llmmon.metrics.WindowMetrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The window metrics that thresholds, reports and series refer to by name. */
public enum Metric {
    ERROR_RATE("error_rate", WindowMetrics::errorRate),
    REFUSAL_RATE("refusal_rate", WindowMetrics::refusalRate),
    LATENCY_P50_MS("latency_p50_ms", WindowMetrics::latencyP50Ms),
    LATENCY_P95_MS("latency_p95_ms", WindowMetrics::latencyP95Ms),
    LATENCY_P99_MS("latency_p99_ms", WindowMetrics::latencyP99Ms),
    COST_PER_REQUEST_USD("cost_per_request_usd", WindowMetrics::costPerRequestUsd),
    COST_TOTAL_USD("cost_total_usd", WindowMetrics::costTotalUsd),
    MEAN_INPUT_TOKENS("mean_input_tokens", WindowMetrics::meanInputTokens),
    MEAN_OUTPUT_TOKENS("mean_output_tokens", WindowMetrics::meanOutputTokens),
    ABANDONMENT_RATE("abandonment_rate", w -> w.signals() == null ? Double.NaN : w.signals().abandonmentRate()),
    CORRECTION_RATE("correction_rate", w -> w.signals() == null ? Double.NaN : w.signals().correctionRate()),
    EXPLICIT_POSITIVE_RATE("explicit_positive_rate",
            w -> w.signals() == null ? Double.NaN : w.signals().explicitPositiveRate());

    private final String id;
    private final ToDoubleFunction<WindowMetrics> value;

    Metric(String id, ToDoubleFunction<WindowMetrics> value) {
        this.id = id;
        this.value = value;
    }

    /** The snake_case name used in configuration and reports. */
    public String id() {
        return id;
    }

    public double valueOf(WindowMetrics metrics) {
        return value.applyAsDouble(metrics);
    }

    /** Accepts {@code error_rate}, {@code errorRate} or {@code ERROR_RATE}. */
    public static Optional<Metric> parse(String name) {
        String normalized = name.trim().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(normalized)).findFirst();
    }
}
