package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.internal.json.Json;
import dev.llmmon.record.FinishReason;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Typed reads of JSON values with the shared rejection rules, and the line loop every JSONL reader uses. */
final class JsonFields {
    private JsonFields() {
    }

    /**
     * Feeds each line of {@code in} to {@code handler}; a stream that breaks part way (truncated gzip, corrupt
     * zstd) is recorded as {@link RejectReason#TRUNCATED_INPUT} after the lines already delivered.
     */
    static void splitLines(InputStream in, String fileName, Rejections rejections, LineSplitter.LineHandler handler)
            throws IOException {
        try {
            LineSplitter.split(in, handler, line -> rejections.blankLine());
        } catch (LineSplitter.TruncatedStreamException e) {
            rejections.reject(DamagedInputException.reasonOf(e), fileName, e.linesRead + 1, null,
                    DamagedInputException.message(e.linesRead, e.getCause()));
        }
    }

    /** Parses one JSON object from a parser positioned before it. */
    @FunctionalInterface
    interface ObjectParser<T> {
        T parse(JsonParser parser) throws IOException, BadRecordException;
    }

    /**
     * The loop every small JSONL reader shares: each line parsed as one object, a bad line counted under its reason
     * with file, line and field, then the next line.
     */
    static <T> void readObjects(InputStream in, String fileName, Rejections rejections, ObjectParser<T> parser,
                                java.util.function.Consumer<T> sink) throws IOException {
        splitLines(in, fileName, rejections, (buf, off, len, line) -> {
            try (JsonParser p = Json.LOG_FACTORY.createParser(buf, off, len)) {
                sink.accept(parser.parse(p));
            } catch (BadRecordException e) {
                rejections.reject(e.reason, fileName, line, e.field, e.getMessage());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                rejections.reject(RejectReason.MALFORMED_LINE, fileName, line, null, e.getOriginalMessage());
            }
        });
    }

    static String requiredString(JsonParser p, JsonToken v, String field) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, field + " is null");
        }
        if (v != JsonToken.VALUE_STRING) {
            throw wrongType(p, v, field, "a string");
        }
        String s = p.getText();
        if (s.isBlank()) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, field + " is empty");
        }
        return s;
    }

    /** As {@link #requiredString(JsonParser, JsonToken, String)}, reusing repeated values from {@code cache}. */
    static String requiredString(JsonParser p, JsonToken v, String field, StringCache cache)
            throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, field + " is null");
        }
        if (v != JsonToken.VALUE_STRING) {
            throw wrongType(p, v, field, "a string");
        }
        String s = cache.get(p);
        if (s.isBlank()) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, field + " is empty");
        }
        return s;
    }

    static String optionalString(JsonParser p, JsonToken v, String field) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw wrongType(p, v, field, "a string or null");
        }
        return p.getText();
    }

    /** As {@link #optionalString(JsonParser, JsonToken, String)}, reusing repeated values from {@code cache}. */
    static String optionalString(JsonParser p, JsonToken v, String field, StringCache cache)
            throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw wrongType(p, v, field, "a string or null");
        }
        return cache.get(p);
    }

    /** A text field: skipped without decoding unless {@code keep}. */
    static String text(JsonParser p, JsonToken v, String field, boolean keep) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw wrongType(p, v, field, "a string or null");
        }
        return keep ? p.getText() : null;
    }

    static double number(JsonParser p, JsonToken v, String field) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (v == JsonToken.VALUE_NULL) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, field + " is null");
        }
        throw wrongType(p, v, field, "a number");
    }

    static Instant timestamp(JsonParser p, JsonToken v, String field) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return Values.epochSeconds(p.getDoubleValue(), field);
        }
        if (v == JsonToken.VALUE_STRING) {
            return Values.isoInstant(p.getText(), field);
        }
        if (v == JsonToken.VALUE_NULL) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, field + " is null");
        }
        throw wrongType(p, v, field, "epoch seconds or an ISO-8601 string");
    }

    static FinishReason finishReason(String raw, String field) throws BadRecordException {
        var parsed = FinishReason.parse(raw);
        if (parsed.isEmpty()) {
            throw new BadRecordException(RejectReason.UNKNOWN_FINISH_REASON, field,
                    "unknown " + field + " '" + Values.abbreviate(raw) + "'");
        }
        return parsed.get();
    }

    /** String-valued keys of an object; other values are skipped (they cannot be used as slices). */
    static Map<String, String> metadata(JsonParser p, JsonToken v) throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_OBJECT) {
            throw wrongType(p, v, "metadata", "an object");
        }
        Map<String, String> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_STRING) {
                out.put(key, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /**
     * As {@link #metadata(JsonParser, JsonToken)}, but with values from {@code cache} and built straight into an
     * immutable map (the record keeps an immutable copy anyway); when {@code keep} is false the object is checked
     * and skipped, and the result is empty.
     */
    static Map<String, String> metadata(JsonParser p, JsonToken v, StringCache cache, boolean keep)
            throws IOException, BadRecordException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_OBJECT) {
            throw wrongType(p, v, "metadata", "an object");
        }
        if (!keep) {
            p.skipChildren();
            return Map.of();
        }
        String[] entries = new String[16];
        int n = 0;
        boolean duplicateKeys = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_STRING) {
                for (int i = 0; i < n && !duplicateKeys; i += 2) {
                    duplicateKeys = entries[i].equals(key);
                }
                if (n == entries.length) {
                    entries = java.util.Arrays.copyOf(entries, n * 2);
                }
                entries[n++] = key;
                entries[n++] = cache.get(p);
            } else {
                p.skipChildren();
            }
        }
        if (duplicateKeys) { // the last value wins, as with a HashMap
            Map<String, String> out = new HashMap<>();
            for (int i = 0; i < n; i += 2) {
                out.put(entries[i], entries[i + 1]);
            }
            return Map.copyOf(out);
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] pairs = new Map.Entry[n / 2];
        for (int i = 0; i < n; i += 2) {
            pairs[i / 2] = Map.entry(entries[i], entries[i + 1]);
        }
        return Map.ofEntries(pairs);
    }

    static void require(Object value, String field) throws BadRecordException {
        if (value == null) {
            throw new BadRecordException(RejectReason.MISSING_FIELD, field, "required field " + field + " is missing");
        }
    }

    static BadRecordException wrongType(JsonParser p, JsonToken v, String field, String expected) throws IOException {
        String found = switch (v) {
            case VALUE_STRING -> "string '" + Values.abbreviate(p.getText()) + "'";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            default -> String.valueOf(v);
        };
        p.skipChildren();
        return new BadRecordException(RejectReason.WRONG_TYPE, field, field + " must be " + expected + ", found " + found);
    }
}
