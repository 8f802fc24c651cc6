package dev.llmmon.metrics;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;

import java.time.Instant;
import java.util.Map;

/** Small record builder for tests. */
final class Records {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private Records() {
    }

    static RequestRecord record(String id, Instant t, String feature, String model, double latency) {
        return new RequestRecord(id, t, feature, model, latency, 100, 50, 0.001, FinishReason.END_TURN, null,
                null, null, null, null, Map.of());
    }

    static RequestRecord with(RequestRecord r, FinishReason finish, String error, Double cost,
                              Map<String, String> metadata) {
        return new RequestRecord(r.requestId(), r.timestamp(), r.featureId(), r.modelId(), r.latencyMs(),
                r.inputTokens(), r.outputTokens(), cost, finish, error, r.sessionId(), null, null, null, metadata);
    }
}
