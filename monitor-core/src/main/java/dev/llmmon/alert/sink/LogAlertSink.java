package dev.llmmon.alert.sink;

import dev.llmmon.spi.Delivery;
import dev.llmmon.spi.AlertSink;
import dev.llmmon.alert.Alert;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** One line per alert to a log (the Maven log, via {@code getLog()::warn}). */
public final class LogAlertSink implements AlertSink {
    private final Consumer<String> log;

    public LogAlertSink(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public List<Delivery> deliver(List<Alert> alerts) {
        return alerts.stream().map(a -> {
            log.accept(line(a));
            return Delivery.ok(a, name(), 1);
        }).toList();
    }

    public static String line(Alert a) {
        return String.format(Locale.ROOT, "[%s] %s alert %s: %s", a.severity(), a.status(), a.id(), a.message());
    }
}
