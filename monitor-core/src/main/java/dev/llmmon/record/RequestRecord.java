package dev.llmmon.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One model call, as the native request log describes it (shared/formats/logs.md §1).
 *
 * <p>{@code costUsd} is {@code null} when the log did not carry a cost; the pricing table may then supply one.
 * The text fields ({@code userInput}, {@code output}) are {@code null} when absent or when the reader was asked
 * not to materialise text (metrics do not need it).
 *
 * <p>{@code cachedInputTokens} (prompt tokens read from a cache) and {@code reasoningTokens} (output tokens spent on
 * reasoning) are parts of {@code inputTokens} and {@code outputTokens} as producers report them, and {@code null} when
 * the producer did not say. {@code tokensKnown} is false when the log carried no usage at all (a failed call mapped
 * without usage): its {@code inputTokens}/{@code outputTokens} are then 0 placeholders that must not enter means.
 */
public record RequestRecord(
        String requestId,
        Instant timestamp,
        String featureId,
        String modelId,
        double latencyMs,
        long inputTokens,
        long outputTokens,
        Double costUsd,
        FinishReason finishReason,
        String error,
        String sessionId,
        String userInput,
        String output,
        String systemFingerprint,
        Map<String, String> metadata,
        Long cachedInputTokens,
        Long reasoningTokens,
        boolean tokensKnown) {

    /**
     * Metadata key set to {@code "true"} when the log's times are not the call's (LiteLLM writes failures with start
     * = end = the time of logging): the record counts everywhere but in latency percentiles.
     */
    public static final String LATENCY_UNMEASURED = "latency_unmeasured";

    public RequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(finishReason, "finishReason");
        metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
    }

    /** A record whose usage is known and carries no cached or reasoning breakdown. */
    public RequestRecord(String requestId, Instant timestamp, String featureId, String modelId, double latencyMs,
                         long inputTokens, long outputTokens, Double costUsd, FinishReason finishReason, String error,
                         String sessionId, String userInput, String output, String systemFingerprint,
                         Map<String, String> metadata) {
        this(requestId, timestamp, featureId, modelId, latencyMs, inputTokens, outputTokens, costUsd, finishReason,
                error, sessionId, userInput, output, systemFingerprint, metadata, null, null, true);
    }

    /** A call failed when it carries an error or ended with {@code finish_reason = error}. */
    public boolean isError() {
        return error != null || finishReason == FinishReason.ERROR;
    }

    /** False when {@link #LATENCY_UNMEASURED} says {@code latencyMs} is not a measurement. */
    public boolean latencyMeasured() {
        return !"true".equals(metadata.get(LATENCY_UNMEASURED));
    }

    public boolean isRefusal() {
        return finishReason == FinishReason.REFUSAL;
    }
}
