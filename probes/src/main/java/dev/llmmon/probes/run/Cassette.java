package dev.llmmon.probes.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.client.ChatMessage;
import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.Usage;
import dev.llmmon.internal.json.Json;
import dev.llmmon.record.FinishReason;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recorded model answers and embeddings, one JSON object per line:
 * <pre>{"key":"&lt;sha256-prefix&gt;#&lt;n&gt;","request":{...},"response":{"text":...,"finish_reason":...,
 * "input_tokens":..,"output_tokens":..,"model":..,"system_fingerprint":..,"latency_ms":..}}
 * {"embedding":"&lt;sha256-prefix&gt;","model":"...","vector":[0.0123,-0.0456,...]}</pre>
 * An answer's key is a hash of the request (model, system prompt, messages, temperature, max tokens, response format)
 * plus the occurrence number of that request in the run, so the five repeats of one probe are five distinct entries
 * and replay reproduces their spread instead of one answer five times. An embedding's key is a hash of the embedding
 * model and the text (see {@link CassetteEmbedder}); its vector is written as floats and read back bit for bit.
 * Lines with neither {@code key} nor {@code embedding} are metadata (e.g. {@code {"note": "synthetic"}}); readers
 * older than embedding lines skip them as metadata. A later line with the same key wins, so recording appends.
 */
public final class Cassette implements AutoCloseable {

    private final Path file;
    private final Map<String, JsonNode> entries;
    private final Map<String, float[]> embeddings;
    private BufferedWriter writer;

    private final String name;

    private Cassette(Path file, Map<String, JsonNode> entries, Map<String, float[]> embeddings, String name) {
        this.file = file;
        this.entries = entries;
        this.embeddings = embeddings;
        this.name = name;
    }

    /** Reads {@code file}; when it does not exist the cassette starts empty. */
    public static Cassette open(Path file) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        Map<String, float[]> embeddings = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                load(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(), entries, embeddings);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cassette " + file, e);
            }
        }
        return new Cassette(file, entries, embeddings, file.toString());
    }

    /** A read-only cassette from the classpath (a bundled demo cassette), for replay. */
    public static Cassette openResource(String name, ClassLoader loader) {
        try (var in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("cassette classpath:" + name + " not found on the classpath");
            }
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            Map<String, float[]> embeddings = new LinkedHashMap<>();
            load(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), "classpath:" + name, entries,
                    embeddings);
            return new Cassette(null, entries, embeddings, "classpath:" + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cassette classpath:" + name, e);
        }
    }

    private static void load(List<String> lines, String name, Map<String, JsonNode> entries,
                             Map<String, float[]> embeddings) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": not a JSON object: " + e.getMessage());
            }
            if (n.hasNonNull("key")) {
                if (!n.path("response").isObject()) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": entry has no 'response' object");
                }
                entries.put(n.get("key").asText(), n);
            } else if (n.hasNonNull("embedding")) {
                if (!n.path("vector").isArray()) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": embedding has no 'vector' array");
                }
                embeddings.put(n.get("embedding").asText(), vector(lines.get(i), name + ":" + (i + 1)));
            }
        }
    }

    /**
     * The line's {@code vector} parsed from the number texts: going through a double first could round a float
     * twice and lose "-0.0", so replay would not be bit-identical to the recording.
     */
    private static float[] vector(String line, String where) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("vector")) {
                    p.skipChildren();
                    continue;
                }
                List<Float> v = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                        throw new IllegalArgumentException(where + ": embedding vector holds a non-number");
                    }
                    v.add(Float.parseFloat(p.getText()));
                }
                float[] out = new float[v.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = v.get(i);
                }
                return out;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not a JSON object: " + e.getMessage());
        }
        throw new IllegalArgumentException(where + ": embedding has no 'vector' array");
    }

    /** The first 60 characters of a text on one line, quoted: enough to tell which request a miss was. */
    static String excerpt(String s) {
        String one = s.replace("\n", " ");
        return '"' + (one.length() <= 60 ? one : one.substring(0, 60) + "...") + '"';
    }

    /** Where the cassette lives, for messages. */
    public String name() {
        return name;
    }

    public Path file() {
        return file;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized Optional<ChatResponse> find(String key) {
        JsonNode e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(decode(e.get("response")));
    }

    /** Stores and immediately appends one answer (a killed run keeps what it recorded). */
    public synchronized void put(String key, ChatRequest request, ChatResponse response) {
        writable();
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("key", key);
        line.set("request", describe(request));
        line.set("response", encode(response));
        entries.put(key, line);
        append(line);
    }

    /** A copy of the recorded vector under {@code key} (see {@link #embeddingKey}). */
    synchronized Optional<float[]> findEmbedding(String key) {
        float[] v = embeddings.get(key);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** Stores and immediately appends one text's vector, as {@link #put} does for answers. */
    synchronized void putEmbedding(String key, String model, float[] vector) {
        writable();
        for (float x : vector) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("embedding " + key + " of model " + model + " holds " + x);
            }
        }
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("embedding", key);
        line.put("model", model);
        var array = line.putArray("vector");
        for (float x : vector) {
            array.add(x); // a FloatNode: written as Float.toString, which parses back to the same float
        }
        embeddings.put(key, vector.clone());
        append(line);
    }

    /** Hash of the embedding model and the text; the NUL keeps ("ab", "c") and ("a", "bc") apart. */
    static String embeddingKey(String model, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((model + '\0' + text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writable() {
        if (file == null) {
            throw new IllegalStateException("cassette " + name + " is read-only; record into a file");
        }
    }

    private void append(ObjectNode line) {
        try {
            if (writer == null) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            writer.write(Json.MAPPER.writeValueAsString(line));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cassette " + file, e);
        }
    }

    /** Hash of everything that shapes the answer; {@code request.model()} must be resolved already. */
    public static String requestHash(ChatRequest request) {
        try {
            byte[] canonical = Json.MAPPER.writeValueAsBytes(describe(request));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode describe(ChatRequest r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("model", r.model());
        n.put("system", r.system());
        var messages = n.putArray("messages");
        for (ChatMessage m : r.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
        }
        n.put("temperature", r.temperature());
        n.put("max_tokens", r.maxTokens());
        n.put("response_format", r.responseFormat().name().toLowerCase(Locale.ROOT));
        return n;
    }

    static ObjectNode encode(ChatResponse r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("text", r.text());
        n.put("finish_reason", r.finishReason() == null ? null : r.finishReason().wireName());
        n.put("raw_finish_reason", r.rawFinishReason());
        n.put("input_tokens", r.usage().inputTokens());
        n.put("output_tokens", r.usage().outputTokens());
        n.put("model", r.model());
        n.put("system_fingerprint", r.systemFingerprint());
        n.put("latency_ms", r.latency() == null ? null : r.latency().toMillis());
        return n;
    }

    static ChatResponse decode(JsonNode n) {
        String raw = text(n, "raw_finish_reason");
        String finish = text(n, "finish_reason");
        FinishReason reason = finish == null ? null : FinishReason.parse(finish).orElse(null);
        return new ChatResponse(n.path("text").asText(""), reason, raw != null ? raw : finish,
                new Usage(n.path("input_tokens").asLong(0), n.path("output_tokens").asLong(0)), text(n, "model"),
                text(n, "system_fingerprint"),
                n.hasNonNull("latency_ms") ? Duration.ofMillis(n.get("latency_ms").asLong()) : null, 1);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Closes this cassette, then, even when that fails, what recorded through it ({@code null} when replaying). */
    void closeThen(Runnable closeRecorder) {
        try {
            close();
        } finally {
            if (closeRecorder != null) {
                closeRecorder.run();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close cassette " + file, e);
            } finally {
                writer = null;
            }
        }
    }
}
