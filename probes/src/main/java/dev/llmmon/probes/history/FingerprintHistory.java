package dev.llmmon.probes.history;

import dev.llmmon.internal.json.Json;
import dev.llmmon.probes.run.ProbeResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only behaviour history: one JSON line (snake_case) per probe, model and run. Keep the file between runs
 * (commit it, or cache it in CI) so {@link SilentChangeDetector} has something to compare with.
 */
public final class FingerprintHistory implements AutoCloseable {

    private final Path file;
    private final Clock clock;
    private final String mode;
    private final String endpoint;
    private BufferedWriter writer;

    private FingerprintHistory(Path file, Clock clock, String mode, String endpoint) {
        this.file = file;
        this.clock = clock;
        this.mode = mode;
        this.endpoint = endpoint;
    }

    /**
     * This history, stamping every line it appends with how the answers were obtained, so that only like is compared
     * with like ({@link BehaviourFingerprint#comparisonKey()}).
     *
     * @param mode     {@code live}, {@code record} or {@code replay}
     * @param endpoint {@code provider baseUrl} for live answers, {@code cassette <location>} for replayed ones
     */
    public FingerprintHistory withSource(String mode, String endpoint) {
        return new FingerprintHistory(file, clock, mode, endpoint);
    }

    public static FingerprintHistory open(Path file) {
        return open(file, Clock.systemUTC());
    }

    public static FingerprintHistory open(Path file, Clock clock) {
        return new FingerprintHistory(file, clock, null, null);
    }

    public Path file() {
        return file;
    }

    /** Appends the fingerprint of {@code result} and flushes it. */
    public synchronized BehaviourFingerprint append(String runId, String probeFile, ProbeResult result) throws IOException {
        return append(runId, probeFile, result, null);
    }

    /** As above, with the outputs' embeddings when an embedder is configured ({@code null}: none). */
    public synchronized BehaviourFingerprint append(String runId, String probeFile, ProbeResult result,
                                                    dev.llmmon.spi.Embedder embedder) throws IOException {
        BehaviourFingerprint f = BehaviourFingerprint.of(runId, clock.instant(), probeFile, result);
        if (mode != null) {
            f = f.withSource(mode, endpoint);
        }
        if (embedder != null) {
            List<String> outputs = result.attempts().stream()
                    .filter(a -> a.response() != null && a.response().text() != null && !a.response().text().isBlank())
                    .map(a -> a.response().text()).toList();
            if (!outputs.isEmpty()) {
                f = f.withOutputEmbeddings(embedder.embed(outputs));
            }
        }
        append(f);
        return f;
    }

    public synchronized void append(BehaviourFingerprint f) throws IOException {
        if (writer == null) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        writer.write(Json.SNAKE_CASE_LINES.writeValueAsString(f));
        writer.write('\n');
        writer.flush();
    }

    /** Every fingerprint in file order; a line that does not parse (a torn last line) is an error naming the line. */
    public static List<BehaviourFingerprint> read(Path file) throws IOException {
        List<BehaviourFingerprint> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(Json.SNAKE_CASE_LINES.readValue(lines.get(i), BehaviourFingerprint.class));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ":" + (i + 1) + ": not a behaviour fingerprint: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer = null;
            }
        }
    }
}
