package dev.llmmon.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One explicit or implicit user reaction to a request (shared/formats/logs.md §2). */
public record UserSignal(String requestId, String sessionId, SignalType type, Instant timestamp,
                         Map<String, String> metadata) {
    public UserSignal {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(type, "type");
        metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
    }
}
