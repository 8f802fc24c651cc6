package dev.llmmon.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * One problem deliberately injected into the demo data: the ground truth a monitor run should find.
 *
 * @param featureId   the feature whose records show it
 * @param modelId     the model whose records show it, or {@code null} when every model of the feature does
 * @param metric      the metric that moves ({@code error_rate}, {@code latency_p95}, {@code input_tokens}, ...)
 * @param start       first affected instant (inclusive)
 * @param end         end of the effect (exclusive); the end of the data when the effect never goes away
 * @param description what was injected and what a monitor should see
 */
public record Incident(String featureId, String modelId, String metric, Instant start, Instant end,
                       String description) {
    public Incident {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(description, "description");
    }

    /** Whether {@code t} lies in {@code [start, end)}. */
    public boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
