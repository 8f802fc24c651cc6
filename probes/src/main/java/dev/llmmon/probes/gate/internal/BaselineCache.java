package dev.llmmon.probes.gate.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.ProbeCase;
import dev.llmmon.probes.gate.SideResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Baseline results kept between gate runs: one file per baseline identity (provider, base URL, model, judge and
 * embedding model, rubric version), one entry per case keyed by unique id and valid while the case's content hash
 * (input, checks, repeat, ...) is unchanged. Written whole to a temporary file and moved into place, so an
 * interrupted run leaves the previous file.
 */
public final class BaselineCache {
    /** Version of the engine's rubric check prompt ({@code probe-<dimension>-v1}): part of every key. */
    public static final String RUBRIC_VERSION = "probe-v1";

    private final Path file;
    private final Map<String, String> key;
    private final Map<String, Entry> entries = new TreeMap<>();

    /** What the file holds. */
    record Document(@JsonProperty("key") Map<String, String> key, @JsonProperty("cases") Map<String, Entry> cases) {
    }

    /** One case's stored baseline result. */
    record Entry(@JsonProperty("content_hash") String contentHash, @JsonProperty("passes") int passes,
                 @JsonProperty("runs") int runs, @JsonProperty("mean_score") Double meanScore,
                 @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens,
                 @JsonProperty("stored_at") String storedAt) {
    }

    private BaselineCache(Path file, Map<String, String> key) {
        this.file = file;
        this.key = Map.copyOf(key);
    }

    /**
     * The cache of the baseline identified by {@code key} in {@code dir}; an unreadable file is reported through
     * {@code warn} and replaced on the next store, never half used.
     */
    public static BaselineCache open(Path dir, Map<String, String> key, Consumer<String> warn) {
        BaselineCache cache = new BaselineCache(dir.resolve("baseline-" + hash(key).substring(0, 16) + ".json"), key);
        if (Files.isRegularFile(cache.file)) {
            try {
                Document d = Json.DOCUMENT.readValue(cache.file.toFile(), Document.class);
                if (d.key() != null && d.key().equals(cache.key) && d.cases() != null) {
                    cache.entries.putAll(d.cases());
                } else {
                    warn.accept("baseline cache " + cache.file + " belongs to another baseline; it will be replaced");
                }
            } catch (IOException e) {
                warn.accept("baseline cache " + cache.file + " is unreadable (" + e.getMessage().lines().findFirst()
                        .orElse("") + "); it will be replaced");
            }
        }
        return cache;
    }

    public Path file() {
        return file;
    }

    /** Stored results of {@code cases} whose content hash still matches, by unique id. */
    public Map<String, SideResult> lookup(List<ProbeCase> cases) {
        Map<String, SideResult> out = new LinkedHashMap<>();
        for (ProbeCase c : cases) {
            Entry e = entries.get(c.uniqueId());
            if (e != null && c.contentHash().equals(e.contentHash()) && e.runs() > 0 && e.passes() <= e.runs()) {
                out.put(c.uniqueId(), new SideResult(e.passes(), e.runs(),
                        e.meanScore() == null ? OptionalDouble.empty() : OptionalDouble.of(e.meanScore()),
                        e.inputTokens(), e.outputTokens()));
            }
        }
        return out;
    }

    /** Adds (or replaces) these results and rewrites the file. */
    public void store(Map<ProbeCase, SideResult> results) {
        if (results.isEmpty()) {
            return;
        }
        String now = Instant.now().toString();
        results.forEach((c, r) -> entries.put(c.uniqueId(), new Entry(c.contentHash(), r.passes(), r.runs(),
                r.meanScore().isPresent() ? r.meanScore().getAsDouble() : null, r.inputTokens(), r.outputTokens(), now)));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, Json.DOCUMENT.writeValueAsBytes(new Document(new TreeMap<>(key), entries)));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline cache " + file + ": " + e.getMessage(), e);
        }
    }

    static String hash(Map<String, String> key) {
        try {
            byte[] json = Json.MAPPER.writeValueAsString(new TreeMap<>(key)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
