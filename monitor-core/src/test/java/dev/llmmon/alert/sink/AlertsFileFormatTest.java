package dev.llmmon.alert.sink;

import dev.llmmon.alert.Severity;
import dev.llmmon.spi.AlertSink;
import dev.llmmon.spi.Delivery;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alerts.json} is a file users and their tools read: its text is pinned here (format version 2), so a
 * renamed or reordered component of the code cannot change it unnoticed.
 */
class AlertsFileFormatTest {
    private static final Instant START = Instant.parse("2025-03-06T08:00:00Z");
    @TempDir
    Path dir;

    @Test
    void theAlertsFileKeepsItsFieldNamesOrderNumbersAndNulls() throws IOException {
        Alert open = new Alert(Alert.idOf(AlertKind.CONTROL_CHART, "support-chat", "gpt-4o-mini", "error_rate", START),
                AlertKind.CONTROL_CHART, "support-chat", "gpt-4o-mini", "error_rate", START, START.plusSeconds(3600),
                null, 0.1075, Double.NaN, 0.6456, "sigma", 12.9, "UP", Severity.CRITICAL, Alert.Status.OPEN,
                "ewma(lambda=0.1, L=2.814, UPPER, PROPORTION)", "error_rate up for feature support-chat",
                List.of(new Alert.Evidence(START, 0.1075, 400, 1.10, 0.6456),
                        new Alert.Evidence(START.plusSeconds(3600), 0.09, 380, 0.95, 0.6456)));
        Alert closed = new Alert(Alert.idOf(AlertKind.TOKEN_BLOAT, "extract-invoice", null, "mean_output_tokens", START),
                AlertKind.TOKEN_BLOAT, "extract-invoice", null, "mean_output_tokens", START.minusSeconds(7200),
                START.minusSeconds(3600), START, 812.5, 400, 1.5, "ratio", Double.NaN, "UP", Severity.MINOR,
                Alert.Status.CLOSED, "token-bloat", null, List.of());
        List<String> log = new ArrayList<>();
        AlertSink failing = new AlertSink() {
            @Override
            public String name() {
                return "archive";
            }

            @Override
            public List<Delivery> deliver(List<Alert> alerts) {
                return alerts.stream().map(a -> Delivery.failed(a, name(), 2, "HTTP 503 after 2 attempts")).toList();
            }
        };
        Path file = dir.resolve("alerts.json");
        new AlertDispatcher(file, List.of(new LogAlertSink(log::add), failing)).dispatch(List.of(closed, open));

        String written = Files.readString(file);
        if (System.getProperty("llmmon.writeAlertsFormat") != null) {
            Files.writeString(Path.of(System.getProperty("llmmon.writeAlertsFormat")), written);
        }
        try (InputStream expected = getClass().getResourceAsStream("alerts-format-v2.json")) {
            assertThat(written).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Versions only add fields: a version 1 file (no firstEvidence) is still read, deliveries included. */
    @Test
    void aVersionOneFileIsStillRead() throws IOException {
        Path file = dir.resolve("alerts.json");
        try (InputStream v1 = getClass().getResourceAsStream("alerts-format-v1.json")) {
            Files.write(file, v1.readAllBytes());
        }
        AlertsDocument read = AlertJson.read(file);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.alerts()).hasSize(2).allSatisfy(e -> assertThat(e.alert().firstEvidence()).isNull());
        assertThat(read.alerts().get(1).deliveriesBySink()).containsKey("archive");
    }
}
