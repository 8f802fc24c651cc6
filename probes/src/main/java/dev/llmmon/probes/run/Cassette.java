package dev.llmmon.probes.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.client.ChatMessage;
import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.Usage;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recorded model answers, one JSON object per line:
 * <pre>{"key":"&lt;sha256-prefix&gt;#&lt;n&gt;","request":{...},"response":{"text":...,"finish_reason":...,
 * "input_tokens":..,"output_tokens":..,"model":..,"system_fingerprint":..,"latency_ms":..}}</pre>
 * The key is a hash of the request (model, system prompt, messages, temperature, max tokens, response format) plus
 * the occurrence number of that request in the run, so the five repeats of one probe are five distinct entries and
 * replay reproduces their spread instead of one answer five times. Lines without a {@code key} are metadata (e.g.
 * {@code {"note": "synthetic"}}). A later line with the same key wins, so recording appends.
 */
public final class Cassette implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, JsonNode> entries;
    private BufferedWriter writer;

    private final String name;

    private Cassette(Path file, Map<String, JsonNode> entries) {
        this(file, entries, file.toString());
    }

    private Cassette(Path file, Map<String, JsonNode> entries, String name) {
        this.file = file;
        this.entries = entries;
        this.name = name;
    }

    /** Reads {@code file}; when it does not exist the cassette starts empty. */
    public static Cassette open(Path file) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                load(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(), entries);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cassette " + file, e);
            }
        }
        return new Cassette(file, entries);
    }

    /** A read-only cassette from the classpath (a bundled demo cassette), for replay. */
    public static Cassette openResource(String name, ClassLoader loader) {
        try (var in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("cassette classpath:" + name + " not found on the classpath");
            }
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            load(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), "classpath:" + name, entries);
            return new Cassette(null, entries, "classpath:" + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cassette classpath:" + name, e);
        }
    }

    private static void load(List<String> lines, String name, Map<String, JsonNode> entries) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": not a JSON object: " + e.getMessage());
            }
            if (n.hasNonNull("key")) {
                if (!n.path("response").isObject()) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": entry has no 'response' object");
                }
                entries.put(n.get("key").asText(), n);
            }
        }
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
        if (file == null) {
            throw new IllegalStateException("cassette " + name + " is read-only; record into a file");
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("key", key);
        line.set("request", describe(request));
        line.set("response", encode(response));
        entries.put(key, line);
        try {
            if (writer == null) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            writer.write(JSON.writeValueAsString(line));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cassette " + file, e);
        }
    }

    /** Hash of everything that shapes the answer; {@code request.model()} must be resolved already. */
    public static String requestHash(ChatRequest request) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(describe(request));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode describe(ChatRequest r) {
        ObjectNode n = JSON.createObjectNode();
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
        ObjectNode n = JSON.createObjectNode();
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
