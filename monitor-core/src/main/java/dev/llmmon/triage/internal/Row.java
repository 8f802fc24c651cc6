package dev.llmmon.triage.internal;

import java.time.Instant;
import java.util.Map;

/**
 * One request as triage needs it: its dimensions and outcome fields, and its text only when it may go into the
 * review bundle (the target's requests in the window), so a week of logs stays small in memory.
 */
public record Row(String requestId, Instant timestamp, String feature, String model, String fingerprint,
                  Map<String, String> metadata, boolean error, boolean refusal, double latencyMs,
                  boolean latencyMeasured, long inputTokens, long outputTokens, Double costUsd, String input,
                  String output, String errorText) {

    /** A dimension's value: {@code feature}, {@code model}, {@code system_fingerprint} or a metadata key. */
    public String dimension(String name) {
        return switch (name) {
            case Dimensions.FEATURE -> feature;
            case Dimensions.MODEL -> model;
            case Dimensions.FINGERPRINT -> fingerprint;
            default -> metadata.get(name);
        };
    }
}
