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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads OpenTelemetry GenAI spans as the Collector's {@code file} exporter writes them (shared/formats/logs.md §3):
 * one {@code ExportTraceServiceRequest} JSON object per line, parsed with Jackson's streaming parser over the raw
 * bytes of the line. Both generations of GenAI attribute names are read.
 *
 * <p>Choices this reader makes where the conventions leave room (each is a documented rule, not a guess per span):
 * <ul>
 *   <li>Which spans are model calls is {@link SpanKinds}' rule ({@code gen_ai.operation.name}, OpenLLMetry's
 *       {@code llm.request.type}, {@code openinference.span.kind}, Vercel AI SDK span names). Other spans (framework,
 *       tool, agent, HTTP, ...) are skipped and counted by kind with {@link Rejections#skip}, never rejected.</li>
 *   <li>Counts are read from {@code intValue}, an integral {@code doubleValue} or a numeric {@code stringValue}.
 *       Embedding calls carry no output count: they get 0 output tokens and {@code metadata.operation=embeddings},
 *       which keeps them out of the chat rows of the window metrics. {@code metadata.operation} is set for every
 *       operation but {@code chat} (so chat spans read exactly like the native log).</li>
 *   <li>A span with no {@code gen_ai.response.finish_reasons} ends with {@link FinishReason#ERROR} when it is an error
 *       span, otherwise with {@link FinishReason#END_TURN} (many instrumentations omit the attribute on normal
 *       completions).</li>
 *   <li>An error span without usage attributes gets 0 input and 0 output tokens: a failed call reports no usage,
 *       and dropping failed calls would hide them from the error rate. A successful span without usage is rejected
 *       as {@link RejectReason#MISSING_FIELD} naming the {@code gen_ai.usage.*} attribute.</li>
 *   <li>{@code request_id} is {@code gen_ai.response.id}, else {@code traceId:spanId}.</li>
 *   <li>{@code cost_usd} is always {@code null}: spans do not carry a cost (the pricing table supplies one).</li>
 *   <li>Metadata: every string attribute whose key starts with {@code app.} (resource first, span overrides), under
 *       its key without the prefix, except the feature attribute itself; plus {@code provider} from
 *       {@code gen_ai.provider.name} ({@code gen_ai.system}).</li>
 *   <li>Message text that cannot be parsed is left {@code null} (text is optional); the record is kept.</li>
 * </ul>
 * Rejections name the file and the line of the batch; the message says which span (0-based index in the batch).
 * A line that is not valid JSON is one {@link RejectReason#MALFORMED_LINE}; none of its spans is used.
 * Instances are safe to use from several threads.
 */
public final class OtlpJsonReader implements LogReader {
    /** The attribute that names the feature unless the caller chooses another. */
    public static final String DEFAULT_FEATURE_ATTRIBUTE = "app.feature_id";
    private static final String SERVICE_NAME = "service.name";
    /** LangChain4j's Observation convention: SUCCESS or ERROR. */
    private static final String OUTCOME = "outcome";
    /** The metadata key holding the span's operation ({@code chat}, {@code embeddings}, ...). */
    public static final String OPERATION_METADATA = "operation";

    private final String featureAttribute;
    private final boolean includeText;
    private final boolean includeMetadata;
    private final LongAdder skippedSpans = new LongAdder();

    /** Reads the feature from {@value #DEFAULT_FEATURE_ATTRIBUTE}, falling back to {@code service.name}. */
    public OtlpJsonReader(boolean includeText) {
        this(DEFAULT_FEATURE_ATTRIBUTE, includeText);
    }

    /**
     * @param featureAttribute span or resource attribute naming the feature; {@code service.name} is the fallback
     * @param includeText      whether to extract {@code user_input} / {@code output} from messages or events
     */
    public OtlpJsonReader(String featureAttribute, boolean includeText) {
        this(featureAttribute, includeText, true);
    }

    /**
     * @param featureAttribute span or resource attribute naming the feature; {@code service.name} is the fallback
     * @param includeText      whether to extract {@code user_input} / {@code output} from messages or events
     * @param includeMetadata  whether to build {@code metadata} from {@code app.*} attributes and the provider; when
     *                         false those attributes are skipped undecoded and records carry an empty map (window
     *                         metrics without slices do not need it)
     */
    public OtlpJsonReader(String featureAttribute, boolean includeText, boolean includeMetadata) {
        this.includeMetadata = includeMetadata;
        this.featureAttribute = featureAttribute == null || featureAttribute.isBlank()
                ? DEFAULT_FEATURE_ATTRIBUTE : featureAttribute.trim();
        this.includeText = includeText;
    }

    /** How many spans so far were not model calls and were skipped (also counted by kind in the rejections). */
    public long skippedSpans() {
        return skippedSpans.sum();
    }

    @Override
    public void read(InputStream in, String fileName, RecordSink sink, Rejections rejections) throws IOException {
        List<Span> batch = new ArrayList<>();
        StringCache cache = new StringCache();
        JsonFields.splitLines(in, fileName, rejections, (buf, off, len, line) -> {
            batch.clear();
            try (JsonParser parser = Json.LOG_FACTORY.createParser(buf, off, len)) {
                parseRequest(parser, batch, cache);
            } catch (BadRecordException e) {
                rejectLine(rejections, e.reason, fileName, line, e.field, e.getMessage(), buf, off, len);
                return;
            } catch (JsonProcessingException e) { // also numbers or strings beyond the parser's limits
                rejectLine(rejections, RejectReason.MALFORMED_LINE, fileName, line, null, e.getOriginalMessage(),
                        buf, off, len);
                return;
            }
            rejections.spans(batch.size(), false);
            for (Span span : batch) {
                SpanKinds.Kind kind = SpanKinds.classify(span.attributes, span.name);
                if (kind instanceof SpanKinds.NotAModelCall skip) {
                    skippedSpans.increment();
                    rejections.skip(skip.label());
                    continue;
                }
                SpanKinds.ModelCall call = (SpanKinds.ModelCall) kind;
                try {
                    sink.accept(toRecord(span, call), fileName, line);
                } catch (BadRecordException e) {
                    rejections.reject(e.reason, fileName, line, e.field,
                            e.getMessage() + " (span #" + span.index + " of the batch"
                                    + (span.spanId == null ? "" : ", spanId " + span.spanId) + ")");
                }
            }
        });
    }

    /**
     * A batch line that cannot be read costs one rejection, but the spans it held are not forgotten: they are counted
     * by their {@code "spanId"} keys (a lower bound: a span written without one is not seen) and named in the message.
     */
    private static void rejectLine(Rejections rejections, RejectReason reason, String fileName, long line,
                                   String field, String message, byte[] buf, int off, int len) {
        long spans = SpanIdKeys.count(buf, off, len);
        rejections.spans(spans, true);
        rejections.reject(reason, fileName, line, field, spans == 0 ? message
                : message + " (the line held " + spans + " span(s), counted by their \"spanId\" keys; none was read)");
    }

    // ---------------------------------------------------------------- structure

    private void parseRequest(JsonParser p, List<Span> batch, StringCache cache) throws IOException, BadRecordException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadRecordException(RejectReason.NOT_AN_OBJECT, null, "line is not a JSON object");
        }
        JsonToken t;
        boolean isBatch = false;
        List<String> others = new ArrayList<>();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("resourceSpans")) {
                isBatch = true;
                expectArray(p, v, name);
                while (nextObjectInArray(p, name)) {
                    parseResourceSpans(p, batch, cache);
                }
            } else {
                if (others.size() < 8) {
                    others.add(name);
                }
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the JSON object");
        }
        if (!isBatch) { // {"foo":1} is valid JSON, but no batch: neither read nor silently passed over
            throw new BadRecordException(RejectReason.MISSING_FIELD, "resourceSpans",
                    "a JSON object but not an OTLP batch: no resourceSpans" + (others.isEmpty() ? ""
                            : " (its fields: " + String.join(", ", others) + ")"));
        }
    }

    private void parseResourceSpans(JsonParser p, List<Span> batch, StringCache cache) throws IOException, BadRecordException {
        Map<String, Object> resource = new HashMap<>();
        int first = batch.size();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "resource" -> {
                    expectObject(p, v, name);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken fv = p.nextToken();
                        if (field.equals("attributes")) {
                            parseAttributes(p, fv, resource, cache);
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                // instrumentationLibrarySpans: the pre-1.0 name some old exporters still write
                case "scopeSpans", "instrumentationLibrarySpans" -> {
                    expectArray(p, v, name);
                    while (nextObjectInArray(p, name)) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            JsonToken fv = p.nextToken();
                            if (field.equals("spans")) {
                                expectArray(p, fv, field);
                                while (nextObjectInArray(p, field)) {
                                    batch.add(parseSpan(p, batch.size(), cache));
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        // the resource may come after its spans in hand-written JSON: attach it once the object is complete
        for (int i = first; i < batch.size(); i++) {
            batch.get(i).resource = resource;
        }
    }

    private Span parseSpan(JsonParser p, int index, StringCache cache) throws IOException, BadRecordException {
        Span span = new Span(index);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "traceId" -> span.traceId = v == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                case "spanId" -> span.spanId = v == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                case "name" -> span.name = v == JsonToken.VALUE_STRING ? cache.get(p) : skip(p);
                case "startTimeUnixNano" -> span.start = unixNanos(p, v);
                case "endTimeUnixNano" -> span.end = unixNanos(p, v);
                case "attributes" -> parseAttributes(p, v, span.attributes, cache);
                case "events" -> parseEvents(p, v, span, cache);
                case "status" -> parseStatus(p, v, span);
                default -> p.skipChildren();
            }
        }
        return span;
    }

    private void parseStatus(JsonParser p, JsonToken v, Span span) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        expectObject(p, v, "status");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken fv = p.nextToken();
            if (name.equals("code")) {
                // protojson writes the enum as its number (2) or its name ("STATUS_CODE_ERROR")
                span.statusError = (fv == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                        && p.getIntValue() == 2)
                        || (fv == JsonToken.VALUE_STRING && p.getText().equals("STATUS_CODE_ERROR"));
            } else if (name.equals("message") && fv == JsonToken.VALUE_STRING) {
                span.statusMessage = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }

    private void parseEvents(JsonParser p, JsonToken v, Span span, StringCache cache) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        expectArray(p, v, "events");
        while (nextObjectInArray(p, "events")) {
            String name = null;
            Map<String, Object> attributes = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken fv = p.nextToken();
                if (field.equals("name") && fv == JsonToken.VALUE_STRING) {
                    name = p.getText();
                } else if (field.equals("attributes")) {
                    attributes = new HashMap<>();
                    parseAttributes(p, fv, attributes, true, cache);
                } else {
                    p.skipChildren();
                }
            }
            if (attributes == null) {
                continue;
            }
            // older instrumentations: prompt and completion as span events
            if ("gen_ai.user.message".equals(name)) {
                String content = eventContent(attributes);
                if (content != null) {
                    span.eventUserInput = content; // the last user message is the query
                }
            } else if ("gen_ai.choice".equals(name) && !span.eventChoiceSeen) {
                span.eventChoiceSeen = true;
                span.eventOutput = eventContent(attributes);
                Object finish = attributes.get("finish_reason");
                span.eventFinishReason = finish instanceof String s ? s : null;
            }
        }
    }

    private void parseAttributes(JsonParser p, JsonToken v, Map<String, Object> into, StringCache cache)
            throws IOException, BadRecordException {
        parseAttributes(p, v, into, false, cache);
    }

    /** Reads {@code [{"key":..,"value":{..}}]}; values of keys nobody uses are skipped without decoding. */
    private void parseAttributes(JsonParser p, JsonToken v, Map<String, Object> into, boolean keepAll,
                                 StringCache cache)
            throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        expectArray(p, v, "attributes");
        while (nextObjectInArray(p, "attributes")) {
            String key = null;
            boolean want = false; // decided once per key
            Object value = null;
            boolean hasValue = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken fv = p.nextToken();
                if (field.equals("key") && fv == JsonToken.VALUE_STRING) {
                    key = cache.get(p);
                    Boolean known = cache.flag();
                    if (known == null) {
                        known = wanted(key);
                        cache.flag(known);
                    }
                    want = keepAll || known;
                } else if (field.equals("value")) {
                    // protojson writes "key" first; if not, the value must be decoded before we know if it matters
                    if (key == null || want) {
                        value = anyValue(p, fv, cache);
                        hasValue = true;
                    } else {
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (key != null && hasValue && value != null && want) {
                into.put(key, value);
            }
        }
    }

    private boolean wanted(String key) {
        if (key.startsWith("gen_ai.")) {
            // OpenLLMetry's gen_ai.completion.N.finish_reason is needed even without text
            return includeText || key.endsWith(".finish_reason")
                    || !(key.equals("gen_ai.input.messages") || key.equals("gen_ai.output.messages")
                    || key.equals("gen_ai.system_instructions") || key.startsWith("gen_ai.prompt")
                    || key.startsWith("gen_ai.completion"));
        }
        return includeMetadata && key.startsWith("app.") || key.equals(featureAttribute) || key.equals(SERVICE_NAME)
                || key.equals("error.type") || key.equals("session.id")
                || key.equals("openai.response.system_fingerprint")
                || key.equals(SpanKinds.OPENLLMETRY_REQUEST_TYPE) || key.equals(SpanKinds.OPENINFERENCE_KIND)
                || key.equals(SpanKinds.TRACELOOP_KIND)
                || ALTERNATIVE_NAMES.contains(key);
    }

    /** Model, usage and provider attributes of OpenInference, Vercel AI and LangChain4j, after the gen_ai.* ones. */
    private static final List<String> INPUT_TOKENS = List.of("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens",
            "llm.token_count.prompt", "ai.usage.inputTokens", "ai.usage.promptTokens", "ai.usage.tokens",
            "input_tokens"); // LangChain4j's Observation convention (high-cardinality key values)
    private static final List<String> OUTPUT_TOKENS = List.of("gen_ai.usage.output_tokens",
            "gen_ai.usage.completion_tokens", "llm.token_count.completion", "ai.usage.outputTokens",
            "ai.usage.completionTokens", "output_tokens");
    // parts of the counts above, by producer: the GenAI conventions (OpenLLMetry since it moved to them), OpenLLMetry
    // 0.47.x, OpenInference, Vercel AI (ProducerFormatsTest cites each source)
    private static final List<String> CACHED_INPUT_TOKENS = List.of("gen_ai.usage.cache_read.input_tokens",
            "gen_ai.usage.cache_read_input_tokens", "llm.token_count.prompt_details.cache_read",
            "ai.usage.cachedInputTokens");
    private static final List<String> REASONING_TOKENS = List.of("gen_ai.usage.reasoning_tokens",
            "llm.token_count.completion_details.reasoning", "ai.usage.reasoningTokens");
    private static final List<String> MODEL = List.of("gen_ai.response.model", "gen_ai.request.model",
            "llm.model_name", "embedding.model_name", "ai.response.model", "ai.model.id");
    private static final List<String> PROVIDER = List.of("gen_ai.provider.name", "gen_ai.system", "llm.provider",
            "llm.system", "ai.model.provider");
    private static final java.util.Set<String> ALTERNATIVE_NAMES = java.util.stream.Stream.of(
                    INPUT_TOKENS, OUTPUT_TOKENS, CACHED_INPUT_TOKENS, REASONING_TOKENS, MODEL, PROVIDER, List.of("ai.response.finishReason", OUTCOME))
            .flatMap(List::stream).filter(k -> !k.startsWith("gen_ai.")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * An OTLP {@code AnyValue}: String, Long, Double, Boolean, List (arrayValue), Map (kvlistValue), a
     * {@link BadValue} for an unparseable number, or null (bytes, empty).
     */
    private static Object anyValue(JsonParser p, JsonToken v, StringCache cache) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return v == JsonToken.VALUE_NULL ? null : new BadValue("value", p.getText());
        }
        Object result = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String type = p.currentName();
            JsonToken t = p.nextToken();
            switch (type) {
                case "stringValue" -> result = t == JsonToken.VALUE_STRING ? cache.get(p) : bad(p, type);
                case "boolValue" -> result = t == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : bad(p, type);
                case "intValue" -> result = intValue(p, t);
                case "doubleValue" -> result = doubleValue(p, t);
                case "arrayValue" -> result = arrayValue(p, t, cache);
                case "kvlistValue" -> result = kvlistValue(p, t, cache);
                default -> p.skipChildren(); // bytesValue and anything newer: not used
            }
        }
        return result;
    }

    private static Object intValue(JsonParser p, JsonToken t) throws IOException {
        return int64(p, t, "intValue");
    }

    /** An int64 as a JSON number or (protojson) a string; beyond int64 it is a {@link BadValue} out of range. */
    private static Object int64(JsonParser p, JsonToken t, String type) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return new BadValue(type, p.getText(), true);
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING) { // int64 is a string in protojson
            String s = p.getText();
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return new BadValue(type, s, s.trim().matches("[+-]?[0-9]{19,}"));
            }
        }
        return bad(p, type);
    }

    private static Object doubleValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) { // protojson spells NaN and infinities as strings
            String s = p.getText();
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return new BadValue("doubleValue", s);
            }
        }
        return bad(p, "doubleValue");
    }

    private static Object arrayValue(JsonParser p, JsonToken t, StringCache cache) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return bad(p, "arrayValue");
        }
        List<Object> values = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("values") && v == JsonToken.START_ARRAY) {
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
                    values.add(anyValue(p, e, cache));
                }
            } else {
                p.skipChildren();
            }
        }
        return values;
    }

    private static Object kvlistValue(JsonParser p, JsonToken t, StringCache cache) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return bad(p, "kvlistValue");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("values") && v == JsonToken.START_ARRAY) {
                JsonToken e;
                while ((e = p.nextToken()) == JsonToken.START_OBJECT) {
                    String key = null;
                    Object value = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken fv = p.nextToken();
                        if (f.equals("key") && fv == JsonToken.VALUE_STRING) {
                            key = p.getText();
                        } else if (f.equals("value")) {
                            value = anyValue(p, fv, cache);
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (key != null && value != null) {
                        values.put(key, value);
                    }
                }
                if (e != JsonToken.END_ARRAY) {
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        return values;
    }

    private static BadValue bad(JsonParser p, String type) throws IOException {
        String text = p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY
                ? String.valueOf(p.currentToken()) : p.getText();
        p.skipChildren();
        return new BadValue(type, text);
    }

    private static Object unixNanos(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return int64(p, v, "unix nanos");
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static void expectArray(JsonParser p, JsonToken v, String field) throws IOException, BadRecordException {
        if (v != JsonToken.START_ARRAY) {
            throw JsonFields.wrongType(p, v, field, "an array");
        }
    }

    private static void expectObject(JsonParser p, JsonToken v, String field) throws IOException, BadRecordException {
        if (v != JsonToken.START_OBJECT) {
            throw JsonFields.wrongType(p, v, field, "an object");
        }
    }

    /** Inside an array of objects: true at the next object, false at the end of the array. */
    private static boolean nextObjectInArray(JsonParser p, String field) throws IOException, BadRecordException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.END_ARRAY) {
            return false;
        }
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input in " + field);
        }
        throw JsonFields.wrongType(p, t, field + "[]", "an object");
    }

    // ---------------------------------------------------------------- mapping

    private RequestRecord toRecord(Span s, SpanKinds.ModelCall call) throws BadRecordException {
        Map<String, Object> a = s.attributes;
        Map<String, Object> r = s.resource == null ? Map.of() : s.resource;

        String requestId = string(a, "gen_ai.response.id");
        if (requestId == null) {
            if (blank(s.traceId) || blank(s.spanId)) {
                throw missing("gen_ai.response.id", "neither gen_ai.response.id nor traceId and spanId");
            }
            requestId = s.traceId + ":" + s.spanId;
        }
        long start = nanos(s.start, "startTimeUnixNano");
        long end = nanos(s.end, "endTimeUnixNano");
        if (end < start) {
            throw new BadRecordException(RejectReason.NEGATIVE_NUMBER, "endTimeUnixNano",
                    "span ends before it starts: latency " + (end - start) / 1e6 + " ms");
        }
        Instant timestamp = Values.epochNanos(start, "startTimeUnixNano");
        Values.epochNanos(end, "endTimeUnixNano");
        double latencyMs = Values.latencyMs((end - start) / 1e6, "endTimeUnixNano");

        String model = firstString(a, MODEL);
        if (model == null) {
            throw missing("gen_ai.request.model", "no model attribute is set (looked for " + String.join(", ", MODEL) + ")");
        }

        String errorType = string(a, "error.type");
        if (errorType == null && a.get(OUTCOME) instanceof String outcome && outcome.equalsIgnoreCase("ERROR")) {
            errorType = "outcome=ERROR";
        }
        boolean failed = errorType != null || s.statusError;
        String message = blank(s.statusMessage) ? null : s.statusMessage;
        String error = null;
        if (errorType != null) {
            error = message == null ? errorType : errorType + ": " + message;
        } else if (s.statusError) {
            error = message == null ? "STATUS_CODE_ERROR" : message;
        }

        long inputTokens = tokens(a, INPUT_TOKENS, failed);
        // embeddings produce vectors, not tokens: instrumentations write no output count (openai-v2 asserts it)
        long outputTokens = tokens(a, OUTPUT_TOKENS, failed || call.isEmbedding());
        // a failed call whose span carries no usage attribute has unknown tokens (the 0s are placeholders); a stated
        // count, 0 included, is the producer's word, as in the native format, so both readers agree on the same calls
        boolean tokensKnown = !failed || first(a, INPUT_TOKENS) != null || first(a, OUTPUT_TOKENS) != null;
        Long cachedInputTokens = first(a, CACHED_INPUT_TOKENS) == null ? null : tokens(a, CACHED_INPUT_TOKENS, false);
        Long reasoningTokens = first(a, REASONING_TOKENS) == null ? null : tokens(a, REASONING_TOKENS, false);

        FinishReason finish = finishReason(a, s, failed);

        String feature = string(a, featureAttribute);
        if (feature == null) {
            feature = string(r, featureAttribute);
        }
        if (feature == null) {
            feature = string(a, SERVICE_NAME);
        }
        if (feature == null) {
            feature = string(r, SERVICE_NAME);
        }
        if (feature == null) {
            throw missing(featureAttribute, "neither " + featureAttribute + " nor service.name is set on the span or its resource");
        }

        String session = string(a, "session.id");
        if (session == null) {
            session = string(a, "gen_ai.conversation.id");
        }
        String fingerprint = string(a, "gen_ai.openai.response.system_fingerprint");
        if (fingerprint == null) {
            fingerprint = string(a, "openai.response.system_fingerprint");
        }

        String userInput = null;
        String output = null;
        if (includeText) {
            userInput = Messages.lastUserText(a.get("gen_ai.input.messages"));
            if (userInput == null) {
                userInput = s.eventUserInput;
            }
            output = Messages.firstOutputText(a.get("gen_ai.output.messages"));
            if (output == null) {
                output = s.eventOutput;
            }
        }

        if (!includeMetadata) {
            return new RequestRecord(requestId, timestamp, feature, model, latencyMs, inputTokens, outputTokens, null,
                    finish, error, session, userInput, output, fingerprint,
                    call.isChat() ? Map.of() : Map.of(OPERATION_METADATA, call.operation()), cachedInputTokens,
                    reasoningTokens, tokensKnown);
        }
        Map<String, String> metadata = new HashMap<>();
        appMetadata(r, metadata);
        appMetadata(a, metadata);
        // set after app.* for every call but chat (the native log's only kind): the metrics keep embeddings apart by it
        if (!call.isChat()) {
            metadata.put(OPERATION_METADATA, call.operation());
        }
        String provider = firstString(a, PROVIDER);
        if (provider != null) {
            metadata.put("provider", provider);
        }
        return new RequestRecord(requestId, timestamp, feature, model, latencyMs, inputTokens, outputTokens, null,
                finish, error, session, userInput, output, fingerprint, metadata, cachedInputTokens, reasoningTokens,
                tokensKnown);
    }

    private void appMetadata(Map<String, Object> attributes, Map<String, String> into) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("app.") && key.length() > 4 && !key.equals(featureAttribute)
                    && e.getValue() instanceof String value) {
                into.put(key.substring(4), value);
            }
        }
    }

    private static FinishReason finishReason(Map<String, Object> a, Span s, boolean failed) throws BadRecordException {
        String field = "gen_ai.response.finish_reasons";
        Object raw = a.get(field);
        String first = null;
        if (raw instanceof List<?> list) {
            if (!list.isEmpty()) {
                if (!(list.get(0) instanceof String str)) {
                    throw wrong(field, "an array of strings", list.get(0));
                }
                first = str;
            }
        } else if (raw instanceof String str) {
            // some instrumentations write one string, or the array as a JSON string
            first = str.trim().startsWith("[") ? firstOfJsonArray(str, field) : str;
        } else if (raw != null) {
            throw wrong(field, "an array of strings", raw);
        }
        if (first == null && a.get("gen_ai.completion.0.finish_reason") instanceof String older) {
            first = older; // OpenLLMetry before the GenAI conventions: one attribute per choice
        }
        if (first == null && a.get("ai.response.finishReason") instanceof String vercel) {
            first = vercel;
        }
        if (first == null) {
            first = s.eventFinishReason;
        }
        // "unknown" (OpenLLMetry without a reason) and "other" (Vercel AI) say no more than an absent attribute
        if (first == null || first.isBlank() || first.equalsIgnoreCase("unknown") || first.equalsIgnoreCase("other")) {
            return failed ? FinishReason.ERROR : FinishReason.END_TURN;
        }
        return JsonFields.finishReason(first, field);
    }

    private static String firstOfJsonArray(String json, String field) throws BadRecordException {
        try {
            List<?> list = Json.LOGS.readValue(json, List.class);
            if (list.isEmpty()) {
                return null;
            }
            if (list.get(0) instanceof String s) {
                return s;
            }
        } catch (IOException e) {
            // fall through
        }
        throw new BadRecordException(RejectReason.WRONG_TYPE, field,
                field + " must be an array of strings, found '" + Values.abbreviate(json) + "'");
    }

    /**
     * The first of {@code names} that is set, as a count. Accepted: {@code intValue}, an integral {@code doubleValue}
     * (JavaScript SDKs), or a {@code stringValue} holding an integer (Spring AI through Micrometer, whose key values
     * are strings).
     */
    /** The value of the first of {@code names} that is set, or {@code null}. */
    private static Object first(Map<String, Object> a, List<String> names) {
        for (String name : names) {
            Object raw = a.get(name);
            if (raw != null) {
                return raw;
            }
        }
        return null;
    }

    private static long tokens(Map<String, Object> a, List<String> names, boolean zeroWhenAbsent)
            throws BadRecordException {
        String field = null;
        Object raw = null;
        for (String name : names) {
            raw = a.get(name);
            if (raw != null) {
                field = name;
                break;
            }
        }
        if (raw == null) {
            if (zeroWhenAbsent) {
                return 0; // a failed call reports no usage; an embedding has no output
            }
            throw missing(names.get(0), "required attribute " + names.get(0) + " is missing (nor any of "
                    + String.join(", ", names.subList(1, names.size())) + ")");
        }
        if (raw instanceof String str) {
            String t = str.trim();
            try {
                raw = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw wrong(field, "an integer (intValue, or a stringValue holding one)", raw);
            }
        }
        if (raw instanceof Long l) {
            return Values.tokens(l, null, field);
        }
        if (raw instanceof Double d) {
            return Values.nonNegativeWhole(d, field);
        }
        if (raw instanceof BadValue b && b.outOfRange) {
            throw beyondInt64(field, b);
        }
        throw wrong(field, "an intValue", raw);
    }

    private static String firstString(Map<String, Object> attributes, List<String> keys) throws BadRecordException {
        for (String key : keys) {
            String v = string(attributes, key);
            // LangChain4j writes "unknown" when the response carried no model
            if (v != null && !v.equals("unknown")) {
                return v;
            }
        }
        return null;
    }

    private static long nanos(Object raw, String field) throws BadRecordException {
        if (raw == null || (raw instanceof Long l && l == 0L)) { // protojson omits zero: unset
            throw missing(field, "required field " + field + " is missing");
        }
        if (raw instanceof Long l) {
            if (l < 0) {
                throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field, field + " is negative: " + l);
            }
            return l;
        }
        if (raw instanceof BadValue b && b.outOfRange) {
            throw beyondInt64(field, b);
        }
        throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field,
                field + " is not a count of nanoseconds: " + describe(raw));
    }

    /** A string attribute; null when absent; wrong type when present with another type. */
    private static String string(Map<String, Object> attributes, String key) throws BadRecordException {
        Object v = attributes.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrong(key, "a stringValue", v);
        }
        return s.isBlank() ? null : s;
    }

    private static BadRecordException beyondInt64(String field, BadValue b) {
        return new BadRecordException(RejectReason.OUT_OF_RANGE, field, field + " is " + Values.abbreviate(b.raw)
                + ", beyond int64 (the largest OTLP integer, 9223372036854775807)");
    }

    private static BadRecordException missing(String field, String message) {
        return new BadRecordException(RejectReason.MISSING_FIELD, field, message);
    }

    private static BadRecordException wrong(String field, String expected, Object found) {
        return new BadRecordException(RejectReason.WRONG_TYPE, field,
                field + " must be " + expected + ", found " + describe(found));
    }

    private static String describe(Object v) {
        if (v instanceof BadValue b) {
            return b.type + " '" + Values.abbreviate(String.valueOf(b.raw)) + "'";
        }
        if (v instanceof String s) {
            return "stringValue '" + Values.abbreviate(s) + "'";
        }
        if (v instanceof Long l) {
            return "intValue " + l;
        }
        if (v instanceof Double d) {
            return "doubleValue " + d;
        }
        if (v instanceof Boolean b) {
            return "boolValue " + b;
        }
        if (v instanceof List<?>) {
            return "arrayValue";
        }
        return "kvlistValue";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A value present in the input that could not be read as the type it claims (kept to report it). */
    private record BadValue(String type, String raw, boolean outOfRange) {
        BadValue(String type, String raw) {
            this(type, raw, false);
        }
    }

    private static final class Span {
        final int index;
        final Map<String, Object> attributes = new HashMap<>();
        Map<String, Object> resource;
        String traceId;
        String spanId;
        String name;
        Object start;
        Object end;
        boolean statusError;
        String statusMessage;
        String eventUserInput;
        String eventOutput;
        String eventFinishReason;
        boolean eventChoiceSeen;

        Span(int index) {
            this.index = index;
        }
    }

    /** Text out of GenAI message lists, structured (arrayValue/kvlistValue) or as a JSON string. */
    static final class Messages {
        private Messages() {
        }

        static String lastUserText(Object raw) {
            String last = null;
            for (Object message : messages(raw)) {
                if (message instanceof Map<?, ?> m && "user".equals(m.get("role"))) {
                    String text = text(m);
                    if (text != null) {
                        last = text;
                    }
                }
            }
            return last;
        }

        static String firstOutputText(Object raw) {
            for (Object message : messages(raw)) {
                if (message instanceof Map<?, ?> m) {
                    String text = text(m);
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        }

        private static List<?> messages(Object raw) {
            Object value = raw;
            if (raw instanceof String json) {
                try {
                    value = Json.LOGS.readValue(json, Object.class);
                } catch (IOException e) {
                    return List.of(); // optional text: a broken value leaves it unknown
                }
            }
            return value instanceof List<?> list ? list : List.of();
        }

        /** Text parts joined by newlines; or a plain {@code content} string (older shape). */
        private static String text(Map<?, ?> message) {
            Object parts = message.get("parts");
            if (parts instanceof List<?> list) {
                StringBuilder text = new StringBuilder();
                for (Object part : list) {
                    if (part instanceof Map<?, ?> p && "text".equals(p.get("type")) && p.get("content") instanceof String c) {
                        if (text.length() > 0) {
                            text.append('\n');
                        }
                        text.append(c);
                    }
                }
                return text.length() == 0 ? null : text.toString();
            }
            return message.get("content") instanceof String c ? c : null;
        }
    }

    /** Older span events carry the text as {@code content}, or as {@code message.content} (structured or JSON). */
    private static String eventContent(Map<String, Object> attributes) {
        if (attributes.get("content") instanceof String c) {
            return c;
        }
        Object message = attributes.get("message");
        if (message instanceof String json) {
            try {
                message = Json.LOGS.readValue(json, Object.class);
            } catch (IOException e) {
                return null;
            }
        }
        if (message instanceof Map<?, ?> m && m.get("content") instanceof String c) {
            return c;
        }
        return null;
    }

    @Override
    public String toString() {
        return "OtlpJsonReader[feature=" + featureAttribute + ", includeText=" + includeText + "]";
    }

}
