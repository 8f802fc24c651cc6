package dev.llmmon.ingest.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Test helper: builds OTLP/JSON the way the Collector file exporter writes it (protojson). */
final class Otlp {
    private Otlp() {
    }

    static String str(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":" + quote(value) + "}}";
    }

    /** int64 as protojson writes it: a string. */
    static String int64(String key, long value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":\"" + value + "\"}}";
    }

    /** int64 as a bare number (also seen in the wild). */
    static String intNumber(String key, long value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":" + value + "}}";
    }

    static String dbl(String key, String value) {
        return "{\"key\":\"" + key + "\",\"value\":{\"doubleValue\":" + value + "}}";
    }

    static String strings(String key, String... values) {
        return "{\"key\":\"" + key + "\",\"value\":{\"arrayValue\":{\"values\":["
                + Arrays.stream(values).map(v -> "{\"stringValue\":" + quote(v) + "}").collect(Collectors.joining(","))
                + "]}}}";
    }

    static String raw(String key, String anyValue) {
        return "{\"key\":\"" + key + "\",\"value\":" + anyValue + "}";
    }

    static String kv(String key, String anyValue) {
        return "{\"key\":\"" + key + "\",\"value\":" + anyValue + "}";
    }

    static String kvlist(String... kvs) {
        return "{\"kvlistValue\":{\"values\":[" + String.join(",", kvs) + "]}}";
    }

    static String array(String... anyValues) {
        return "{\"arrayValue\":{\"values\":[" + String.join(",", anyValues) + "]}}";
    }

    static String sv(String value) {
        return "{\"stringValue\":" + quote(value) + "}";
    }

    /** A span; {@code extra} is raw JSON members (events, status) appended after the attributes. */
    static String span(String spanId, long startNanos, long endNanos, String attributes, String extra) {
        return "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"" + spanId + "\",\"name\":\"chat\","
                + "\"kind\":3,\"startTimeUnixNano\":\"" + startNanos + "\",\"endTimeUnixNano\":\"" + endNanos + "\","
                + "\"attributes\":[" + attributes + "]" + (extra == null ? "" : "," + extra) + "}";
    }

    static String line(String resourceAttributes, String... spans) {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[" + resourceAttributes + "]},"
                + "\"scopeSpans\":[{\"scope\":{\"name\":\"opentelemetry.instrumentation.openai_v2\"},\"spans\":["
                + String.join(",", spans) + "]}],\"schemaUrl\":\"https://opentelemetry.io/schemas/1.28.0\"}]}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String attrs(String... attributes) {
        return String.join(",", attributes);
    }
}
