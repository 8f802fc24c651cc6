package dev.llmmon.alert.sink;

import dev.llmmon.internal.json.Json;
import dev.llmmon.spi.Delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes the alerts file ({@code alerts.json}, an {@link AlertsDocument}): every alert of the run with its
 * delivery record per sink. It is written before anything is sent, so an alert that no webhook accepted is still on
 * disk, marked as not delivered.
 */
public final class AlertJson {
    /**
     * The alerts file's format version, written in its {@code version} field. 2 added {@code firstEvidence} to each
     * alert; versions only add fields, so files of every earlier version are read.
     */
    public static final int VERSION = 2;


    private AlertJson() {
    }

    /** Writes atomically (temp file, then move), so a crash never leaves half a file. */
    public static void write(Path file, AlertsDocument content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Json.DOCUMENT.writeValue(tmp.toFile(), content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @throws IOException naming the file when it is not an alerts file */
    public static AlertsDocument read(Path file) throws IOException {
        try {
            AlertsDocument content = Json.DOCUMENT.readValue(file.toFile(), AlertsDocument.class);
            if (content.version() < 1 || content.version() > VERSION) {
                throw new IOException(file + ": alerts file version " + content.version() + ", expected 1 to " + VERSION);
            }
            return content;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a readable alerts file: " + e.getOriginalMessage(), e);
        }
    }
}
