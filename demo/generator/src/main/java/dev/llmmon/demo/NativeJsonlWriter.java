package dev.llmmon.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmmon.record.RequestRecord;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes request records as the native request log (shared/formats/logs.md §1), one object per line. */
final class NativeJsonlWriter implements Closeable {
    private final JsonGenerator gen;
    private long lines;

    NativeJsonlWriter(Path file) throws IOException {
        this.gen = JsonlOut.open(file);
    }

    void write(RequestRecord r) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("request_id", r.requestId());
        gen.writeStringField("timestamp", JsonlOut.iso(r.timestamp()));
        gen.writeStringField("feature_id", r.featureId());
        gen.writeStringField("model_id", r.modelId());
        JsonlOut.writePlain(gen, "latency_ms", r.latencyMs());
        gen.writeNumberField("input_tokens", r.inputTokens());
        gen.writeNumberField("output_tokens", r.outputTokens());
        if (r.costUsd() != null) {
            JsonlOut.writePlain(gen, "cost_usd", r.costUsd());
        }
        gen.writeStringField("finish_reason", r.finishReason().wireName());
        gen.writeStringField("error", r.error()); // written as null on success: the field is required
        if (r.sessionId() != null) {
            gen.writeStringField("session_id", r.sessionId());
        }
        if (r.userInput() != null) {
            gen.writeStringField("user_input", r.userInput());
        }
        if (r.output() != null) {
            gen.writeStringField("output", r.output());
        }
        if (r.systemFingerprint() != null) {
            gen.writeStringField("system_fingerprint", r.systemFingerprint());
        }
        if (!r.metadata().isEmpty()) {
            gen.writeObjectFieldStart("metadata");
            // sorted: RequestRecord holds Map.copyOf, whose iteration order changes from one JVM run to the next
            for (Map.Entry<String, String> e : new TreeMap<>(r.metadata()).entrySet()) {
                gen.writeStringField(e.getKey(), e.getValue());
            }
            gen.writeEndObject();
        }
        gen.writeEndObject();
        JsonlOut.endLine(gen);
        lines++;
    }

    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
