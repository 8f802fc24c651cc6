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

    /** Only this much of a line is looked at (an OTLP batch line can be megabytes). */
    private static final int PEEK_LIMIT = 1 << 20;
    /** How many non-blank lines may be damaged before detection gives up and leaves them to the native reader. */
    private static final int PEEK_LINES = 20;

    /**
     * Guesses the format from the first of the first {@value #PEEK_LINES} non-blank lines of the (decompressed) file
     * that tells it: an object with {@code resourceSpans} is {@link #OTLP}; one with {@code request_id} and any of
     * {@code feature_id}, {@code latency_ms}, {@code input_tokens} is {@link #NATIVE}. Looking past the first line
     * means one damaged line (cut off, garbage, an odd record) does not decide for the whole file. When the lines seen
     * are only damaged JSON, or the file cannot be read (its reader then rejects what is bad), or it has no non-blank
     * line, the answer is {@link #NATIVE}.
     *
     * @throws IllegalArgumentException naming the file when the format is not recognised: such files need a mapping
     */
    public static LogFormat detect(Path file) {
        Set<String> firstKeys = Set.of(); // of the first complete object, for the message
        boolean json = false;
        boolean anyLine = false;
        try (InputStream in = InputFiles.open(file)) {
            for (int i = 0; i < PEEK_LINES; i++) {
                byte[] line = nextNonBlankLine(in);
                if (line == null) {
                    break;
                }
                anyLine = true;
                if (!startsLikeJson(line)) {
                    continue;
                }
                json = true;
                Peek peek = topLevelKeys(line);
                LogFormat known = recognise(peek.keys());
                if (known != null) {
                    return known;
                }
                if (peek.complete() && firstKeys.isEmpty()) {
                    firstKeys = peek.keys();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a truncated or corrupt file: the lines seen so far decide; the reader counts the damage
        }
        if (!anyLine || json && firstKeys.isEmpty()) {
            return NATIVE; // nothing (readable), or only damaged JSON lines: the native reader rejects each one
        }
        Set<String> keys = firstKeys;
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

    private static LogFormat recognise(Set<String> keys) {
        if (keys.contains("resourceSpans")) {
            return OTLP;
        }
        // request_id alone is not enough: LiteLLM spend logs have it (and a model_id) too
        if (keys.contains("request_id")
                && (keys.contains("feature_id") || keys.contains("latency_ms") || keys.contains("input_tokens"))) {
            return NATIVE;
        }
        return null;
    }

    private static boolean startsLikeJson(byte[] line) {
        for (byte b : line) {
            if (b == '{') {
                return true;
            }
            if (!(b == ' ' || b == '\t' || b == '\r' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF)) {
                return false;
            }
        }
        return false;
    }

    private static byte[] nextNonBlankLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean blank = true;
        boolean full = false;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (!blank) {
                    return line.toByteArray();
                }
                line.reset();
                full = false;
                continue;
            }
            if (line.size() < PEEK_LIMIT) {
                line.write(b);
            } else if (!full) {
                full = true; // enough to see the top-level keys that matter; skip to the end of the line
            }
            if (!(b == ' ' || b == '\t' || b == '\r')) {
                blank = false;
            }
        }
        return blank ? null : line.toByteArray();
    }

    /** The top-level keys of a line, and whether the line held one complete JSON object. */
    private record Peek(Set<String> keys, boolean complete) {
    }

    /** Top-level field names of the JSON object on the line, in order; empty when it is not a JSON object. */
    private static Peek topLevelKeys(byte[] line) {
        Set<String> keys = new LinkedHashSet<>();
        try (JsonParser p = Json.LOG_FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Peek(keys, false);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            return new Peek(keys, p.currentToken() == JsonToken.END_OBJECT);
        } catch (JsonProcessingException e) {
            // a cut-off or damaged line: the keys seen so far may still tell the format
            return new Peek(keys, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
