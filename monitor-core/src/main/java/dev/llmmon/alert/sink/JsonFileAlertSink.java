package dev.llmmon.alert.sink;

import dev.llmmon.alert.Alert;
import dev.llmmon.spi.Delivery;
import dev.llmmon.spi.AlertSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the alerts (without delivery records) to a JSON file; {@link AlertDispatcher} does this with deliveries. */
public final class JsonFileAlertSink implements AlertSink {
    private final Path file;

    public JsonFileAlertSink(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "json-file";
    }

    @Override
    public List<Delivery> deliver(List<Alert> alerts) {
        try {
            AlertJson.write(file, AlertsDocument.of(alerts, Map.of()));
            return alerts.stream().map(a -> Delivery.ok(a, name(), 1)).toList();
        } catch (IOException e) {
            String why = "cannot write " + file + ": " + e.getMessage();
            return alerts.stream().map(a -> Delivery.failed(a, name(), 1, why)).toList();
        }
    }

    public Path file() {
        return file;
    }
}
