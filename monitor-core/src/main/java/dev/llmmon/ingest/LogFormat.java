package dev.llmmon.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmmon.internal.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The request-log formats llmmon reads (shared/formats/logs.md §1, §3, §4). */
public enum LogFormat {
    /** llmmon's own JSONL request log. */
    NATIVE,
    /** OpenTelemetry Collector file-exporter OTLP/JSON with GenAI spans. */
    OTLP,
    /** Any JSONL/CSV export read through a field mapping (a built-in one or a mapping file). */
    MAPPED;

    /** Only this much of the first line is looked at (an OTLP batch line can be megabytes). */
    private static final int PEEK_LIMIT = 1 << 20;

    /**
     * Guesses the format from the first non-blank line of the (decompressed) file: an object with
     * {@code resourceSpans} is {@link #OTLP}; one with {@code request_id} and any of
     * {@code feature_id}, {@code latency_ms}, {@code input_tokens} is {@link #NATIVE}.
     * A file with no non-blank line is {@link #NATIVE} (it holds no records either way).
     *
     * @throws IllegalArgumentException naming the file when the format is not recognised: such files need a mapping
     */
    public static LogFormat detect(Path file) {
        byte[] line;
        try (InputStream in = InputFiles.open(file)) {
            line = firstNonBlankLine(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (line == null) {
            return NATIVE;
        }
        Set<String> keys = topLevelKeys(line);
        if (keys.contains("resourceSpans")) {
            return OTLP;
        }
        // request_id alone is not enough: LiteLLM spend logs have it (and a model_id) too
        if (keys.contains("request_id")
                && (keys.contains("feature_id") || keys.contains("latency_ms") || keys.contains("input_tokens"))) {
            return NATIVE;
        }
        String hint = "";
        if (keys.contains("request_id") && keys.contains("spend")) {
            hint = " It looks like a LiteLLM spend log: use the built-in mapping 'litellm'.";
        } else if (keys.contains("traceId") && keys.contains("startTime")) {
            hint = " It looks like a Langfuse observations export: use the built-in mapping 'langfuse'.";
        }
        String found = keys.isEmpty() ? "its first line is not a JSON object (CSV or other text)"
                : "its first record has the fields " + String.join(", ", keys.stream().limit(12).toList())
                + (keys.size() > 12 ? ", ..." : "");
        throw new IllegalArgumentException("Cannot tell the log format of " + file + ": " + found
                + ". It is neither the native request log (request_id, feature_id, latency_ms, ...) nor OTLP/JSON (resourceSpans);"
                + " configure a field mapping for it." + hint);
    }

    private static byte[] firstNonBlankLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean blank = true;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (!blank) {
                    return line.toByteArray();
                }
                line.reset();
                continue;
            }
            if (line.size() < PEEK_LIMIT) {
                line.write(b);
            } else {
                return line.toByteArray(); // enough to see the top-level keys that matter
            }
            if (!(b == ' ' || b == '\t' || b == '\r')) {
                blank = false;
            }
        }
        return blank ? null : line.toByteArray();
    }

    /** Top-level field names of the JSON object on the line, in order; empty when it is not a JSON object. */
    private static Set<String> topLevelKeys(byte[] line) {
        Set<String> keys = new LinkedHashSet<>();
        try (JsonParser p = Json.LOG_FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (JsonProcessingException e) {
            // a cut-off or damaged line: the keys seen so far still tell the format
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
