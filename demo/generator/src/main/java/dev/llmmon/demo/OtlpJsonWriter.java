package dev.llmmon.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes request records as the OpenTelemetry Collector file exporter does (shared/formats/logs.md §3): one
 * {@code ExportTraceServiceRequest} per line, {@value #DEFAULT_BATCH} spans per line, current-generation
 * {@code gen_ai.*} attribute names.
 *
 * <p>Within a line, spans are grouped into one {@code resourceSpans} per feature ({@code app.feature_id} is a
 * resource attribute) and one {@code scopeSpans} per provider instrumentation, in order of first appearance.
 * Two deliberate departures from real instrumentations, so both files describe the same records: error spans
 * still carry {@code gen_ai.response.id} and zero usage. {@code cost_usd} is not carried (OTel has no such
 * attribute); {@code error.type} is the error class ({@code RateLimitError}) and the span status message
 * holds the full error text.
 */
final class OtlpJsonWriter implements Closeable {
    static final int DEFAULT_BATCH = 50;
    static final String SERVICE_NAME = "acme-assistant";

    private final JsonGenerator gen;
    private final int batchSize;
    private final SplittableRandom ids;
    private final List<RequestRecord> pending = new ArrayList<>();
    private long spans;
    private long batches;

    /** @param seed seeds the trace and span ids, so the file is reproducible */
    OtlpJsonWriter(Path file, long seed) throws IOException {
        this(file, seed, DEFAULT_BATCH);
    }

    OtlpJsonWriter(Path file, long seed, int batchSize) throws IOException {
        this.gen = JsonlOut.open(file);
        this.batchSize = batchSize;
        this.ids = new SplittableRandom(seed);
    }

    void write(RequestRecord r) throws IOException {
        pending.add(r);
        if (pending.size() >= batchSize) {
            flushBatch();
        }
    }

    long spans() {
        return spans;
    }

    long batches() {
        return batches;
    }

    private void flushBatch() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        // feature -> provider -> spans, each in order of first appearance (LinkedHashMap: deterministic)
        Map<String, Map<String, List<RequestRecord>>> groups = new LinkedHashMap<>();
        for (RequestRecord r : pending) {
            groups.computeIfAbsent(r.featureId(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(Catalog.provider(r.modelId()), p -> new ArrayList<>())
                    .add(r);
        }
        gen.writeStartObject();
        gen.writeArrayFieldStart("resourceSpans");
        for (var feature : groups.entrySet()) {
            gen.writeStartObject();
            gen.writeObjectFieldStart("resource");
            gen.writeArrayFieldStart("attributes");
            stringAttr("service.name", SERVICE_NAME);
            stringAttr("app.feature_id", feature.getKey());
            stringAttr("deployment.environment.name", "production");
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeArrayFieldStart("scopeSpans");
            for (var provider : feature.getValue().entrySet()) {
                gen.writeStartObject();
                gen.writeObjectFieldStart("scope");
                gen.writeStringField("name", "openai".equals(provider.getKey())
                        ? "opentelemetry.instrumentation.openai_v2" : "opentelemetry.instrumentation.anthropic");
                gen.writeStringField("version", "2.1b0");
                gen.writeEndObject();
                gen.writeArrayFieldStart("spans");
                for (RequestRecord r : provider.getValue()) {
                    span(r, provider.getKey());
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
        JsonlOut.endLine(gen);
        spans += pending.size();
        batches++;
        pending.clear();
    }

    private void span(RequestRecord r, String provider) throws IOException {
        long startNanos = r.timestamp().getEpochSecond() * 1_000_000_000L + r.timestamp().getNano();
        long endNanos = startNanos + Math.round(r.latencyMs() * 1_000_000d);
        boolean error = r.isError();
        gen.writeStartObject();
        gen.writeStringField("traceId", hex(ids.nextLong()) + hex(ids.nextLong()));
        gen.writeStringField("spanId", hex(ids.nextLong()));
        gen.writeStringField("name", "chat " + r.modelId());
        gen.writeNumberField("kind", 3); // SPAN_KIND_CLIENT
        gen.writeStringField("startTimeUnixNano", Long.toString(startNanos));
        gen.writeStringField("endTimeUnixNano", Long.toString(endNanos));
        gen.writeArrayFieldStart("attributes");
        stringAttr("gen_ai.operation.name", "chat");
        stringAttr("gen_ai.provider.name", provider);
        stringAttr("gen_ai.request.model", r.modelId());
        if (!error) {
            stringAttr("gen_ai.response.model", r.modelId());
        }
        stringAttr("gen_ai.response.id", r.requestId());
        if (!error) {
            gen.writeStartObject();
            gen.writeStringField("key", "gen_ai.response.finish_reasons");
            gen.writeObjectFieldStart("value");
            gen.writeObjectFieldStart("arrayValue");
            gen.writeArrayFieldStart("values");
            gen.writeStartObject();
            gen.writeStringField("stringValue", providerFinishReason(r.finishReason(), provider));
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndObject();
            gen.writeEndObject();
        }
        intAttr("gen_ai.usage.input_tokens", r.inputTokens());
        intAttr("gen_ai.usage.output_tokens", r.outputTokens());
        if (r.sessionId() != null) {
            stringAttr("gen_ai.conversation.id", r.sessionId());
        }
        if (r.systemFingerprint() != null) {
            stringAttr("gen_ai.openai.response.system_fingerprint", r.systemFingerprint());
        }
        if (r.userInput() != null) {
            stringAttr("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\""
                    + quote(r.userInput()) + "\"}]}]");
        }
        if (r.output() != null) {
            stringAttr("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\""
                    + quote(r.output()) + "\"}],\"finish_reason\":\""
                    + providerFinishReason(r.finishReason(), provider) + "\"}]");
        }
        if (error) {
            stringAttr("error.type", errorClass(r.error()));
        }
        stringAttr("server.address", "openai".equals(provider) ? "api.openai.com" : "api.anthropic.com");
        for (Map.Entry<String, String> e : new TreeMap<>(r.metadata()).entrySet()) {
            stringAttr("app." + e.getKey(), e.getValue());
        }
        gen.writeEndArray();
        gen.writeObjectFieldStart("status");
        if (error) {
            gen.writeNumberField("code", 2); // STATUS_CODE_ERROR
            gen.writeStringField("message", r.error() == null ? "error" : r.error());
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    /** The provider's own spelling, as instrumentations copy it from the response. */
    static String providerFinishReason(FinishReason reason, String provider) {
        boolean openai = "openai".equals(provider);
        return switch (reason) {
            case END_TURN -> openai ? "stop" : "end_turn";
            case MAX_TOKENS -> openai ? "length" : "max_tokens";
            case STOP_SEQUENCE -> openai ? "stop" : "stop_sequence";
            case TOOL_USE -> openai ? "tool_calls" : "tool_use";
            case REFUSAL -> openai ? "content_filter" : "refusal";
            case ERROR -> "error";
        };
    }

    private static String errorClass(String error) {
        if (error == null) {
            return "_OTHER";
        }
        int colon = error.indexOf(':');
        return colon > 0 ? error.substring(0, colon) : error;
    }

    private static String quote(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    private void stringAttr(String key, String value) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("key", key);
        gen.writeObjectFieldStart("value");
        gen.writeStringField("stringValue", value);
        gen.writeEndObject();
        gen.writeEndObject();
    }

    private void intAttr(String key, long value) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("key", key);
        gen.writeObjectFieldStart("value");
        gen.writeStringField("intValue", Long.toString(value)); // int64 is a string in OTLP/JSON
        gen.writeEndObject();
        gen.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBatch();
        } finally {
            gen.close();
        }
    }
}
