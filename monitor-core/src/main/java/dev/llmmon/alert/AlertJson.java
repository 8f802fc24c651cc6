package dev.llmmon.alert;

import dev.llmmon.spi.Delivery;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The alerts file ({@code alerts.json}): every alert of the run with its delivery record per sink. It is written
 * before anything is sent, so an alert that no webhook accepted is still on disk, marked as not delivered.
 */
public final class AlertJson {
    public static final int VERSION = 1;

    /** The file's content. */
    public record AlertsFile(int version, List<Entry> alerts) {
        public AlertsFile {
            alerts = List.copyOf(alerts);
        }
    }

    /** One alert and its deliveries by sink name. */
    public record Entry(Alert alert, Map<String, Delivery> deliveries) {
        public Entry {
            deliveries = Map.copyOf(deliveries);
        }
    }

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AlertJson() {
    }

    /** Writes atomically (temp file, then move), so a crash never leaves half a file. */
    public static void write(Path file, AlertsFile content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            MAPPER.writeValue(tmp.toFile(), content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @throws IOException naming the file when it is not an alerts file */
    public static AlertsFile read(Path file) throws IOException {
        try {
            AlertsFile content = MAPPER.readValue(file.toFile(), AlertsFile.class);
            if (content.version() != VERSION) {
                throw new IOException(file + ": alerts file version " + content.version() + ", expected " + VERSION);
            }
            return content;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a readable alerts file: " + e.getOriginalMessage(), e);
        }
    }
}
