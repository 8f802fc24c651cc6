package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmmon.ingest.LogReader;
import dev.llmmon.ingest.RecordSink;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.internal.json.Json;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

/**
 * Reads the native request log (shared/formats/logs.md §1), one JSON object per line. A plain line is read by
 * {@link NativeLineScanner} straight from its bytes; any other line (and every line the scanner is unsure of) by
 * Jackson's streaming parser over the raw bytes of the line, which decides rejections. Long text fields are
 * skipped without decoding unless asked for.
 */
public final class NativeJsonlReader implements LogReader {
    private final boolean includeText;
    private final boolean includeMetadata;
    private final boolean scan;

    /** @param includeText whether to keep {@code user_input} and {@code output} (judging and export need them) */
    public NativeJsonlReader(boolean includeText) {
        this(includeText, true);
    }

    /**
     * @param includeText     whether to keep {@code user_input} and {@code output} (judging and export need them)
     * @param includeMetadata whether to keep {@code metadata}; when false it is still checked to be an object, but
     *                        records carry an empty map (window metrics without slices do not need it)
     */
    public NativeJsonlReader(boolean includeText, boolean includeMetadata) {
        this(includeText, includeMetadata, true);
    }

    /** @param scan false to read every line with Jackson (the reference the scanner is tested against) */
    NativeJsonlReader(boolean includeText, boolean includeMetadata, boolean scan) {
        this.includeText = includeText;
        this.includeMetadata = includeMetadata;
        this.scan = scan;
    }

    @Override
    public void read(InputStream in, String fileName, RecordSink sink, Rejections rejections) throws IOException {
        StringCache cache = new StringCache();
        NativeLineScanner scanner = scan ? new NativeLineScanner(includeText, includeMetadata) : null;
        JsonFields.splitLines(in, fileName, rejections, (buf, off, len, line) -> {
            RequestRecord plain = scanner == null ? null : scanner.scan(buf, off, len);
            if (plain != null) {
                sink.accept(plain, fileName, line);
                return;
            }
            try (JsonParser parser = Json.LOG_FACTORY.createParser(buf, off, len)) {
                RequestRecord record = parse(parser, cache);
                sink.accept(record, fileName, line);
            } catch (BadRecordException e) {
                rejections.reject(e.reason, fileName, line, e.field, e.getMessage());
            } catch (JsonProcessingException e) { // also numbers or strings beyond the parser's limits
                rejections.reject(RejectReason.MALFORMED_LINE, fileName, line, null, e.getOriginalMessage());
            }
        });
    }

    private RequestRecord parse(JsonParser p, StringCache cache) throws IOException, BadRecordException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadRecordException(RejectReason.NOT_AN_OBJECT, null, "line is not a JSON object");
        }
        String requestId = null;
        Instant timestamp = null;
        String featureId = null;
        String modelId = null;
        double latency = Double.NaN;
        boolean hasLatency = false;
        long inputTokens = -1;
        long outputTokens = -1;
        Long cachedInputTokens = null;
        Long reasoningTokens = null;
        Double cost = null;
        FinishReason finish = null;
        String error = null;
        String sessionId = null;
        String userInput = null;
        String output = null;
        String fingerprint = null;
        Map<String, String> metadata = null;

        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "request_id" -> requestId = JsonFields.requiredString(p, v, name);
                case "timestamp" -> timestamp = JsonFields.timestamp(p, v, name);
                case "feature_id" -> featureId = JsonFields.requiredString(p, v, name, cache);
                case "model_id" -> modelId = JsonFields.requiredString(p, v, name, cache);
                case "latency_ms" -> {
                    latency = Values.latencyMs(JsonFields.number(p, v, name), name);
                    hasLatency = true;
                }
                case "input_tokens" -> inputTokens = Values.nonNegativeWhole(JsonFields.number(p, v, name), name);
                case "output_tokens" -> outputTokens = Values.nonNegativeWhole(JsonFields.number(p, v, name), name);
                case "cached_input_tokens" -> cachedInputTokens = optionalTokens(p, v, name);
                case "reasoning_tokens" -> reasoningTokens = optionalTokens(p, v, name);
                case "cost_usd" -> cost = v == JsonToken.VALUE_NULL ? null : Values.costUsd(JsonFields.number(p, v, name), name);
                case "finish_reason" -> finish = JsonFields.finishReason(JsonFields.requiredString(p, v, name, cache), name);
                case "error" -> error = JsonFields.optionalString(p, v, name);
                case "session_id" -> sessionId = JsonFields.optionalString(p, v, name);
                case "system_fingerprint" -> fingerprint = JsonFields.optionalString(p, v, name, cache);
                case "user_input" -> userInput = JsonFields.text(p, v, name, includeText);
                case "output" -> output = JsonFields.text(p, v, name, includeText);
                case "metadata" -> metadata = JsonFields.metadata(p, v, cache, includeMetadata);
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "unexpected token " + t);
        }
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the JSON object");
        }
        JsonFields.require(requestId, "request_id");
        JsonFields.require(timestamp, "timestamp");
        JsonFields.require(featureId, "feature_id");
        JsonFields.require(modelId, "model_id");
        if (!hasLatency) {
            JsonFields.require(null, "latency_ms");
        }
        if (inputTokens < 0) {
            JsonFields.require(null, "input_tokens");
        }
        if (outputTokens < 0) {
            JsonFields.require(null, "output_tokens");
        }
        JsonFields.require(finish, "finish_reason");
        return new RequestRecord(requestId, timestamp, featureId, modelId, latency, inputTokens, outputTokens, cost,
                finish, error, sessionId, userInput, output, fingerprint, metadata, cachedInputTokens, reasoningTokens,
                true);
    }

    /** An optional count: {@code null} when absent or null (the producer did not say), else a bounded whole number. */
    private static Long optionalTokens(JsonParser p, JsonToken v, String name) throws IOException, BadRecordException {
        return v == JsonToken.VALUE_NULL ? null : Values.nonNegativeWhole(JsonFields.number(p, v, name), name);
    }
}
