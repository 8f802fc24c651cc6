package dev.llmmon.alert.sink;

import dev.llmmon.spi.Delivery;
import dev.llmmon.spi.AlertSink;
import dev.llmmon.alert.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends alerts to notifying sinks without losing or repeating them.
 *
 * <ol>
 *   <li>The alerts file is written first, with every alert and the delivery records of the previous run.</li>
 *   <li>An alert is sent to a sink unless that sink already accepted it with the same status (so an alert is
 *       announced once when it opens and once when it closes, however often the history is replayed). Without a
 *       previous alerts file, alerts that are already CLOSED are recorded as history and not sent.</li>
 *   <li>The file is rewritten with this run's delivery records: a failed webhook leaves the alert marked as not
 *       delivered, and the next run tries again.</li>
 * </ol>
 */
public final class AlertDispatcher {
    private final Path alertsFile;
    private final List<AlertSink> sinks;

    public AlertDispatcher(Path alertsFile, List<AlertSink> sinks) {
        this.alertsFile = alertsFile;
        this.sinks = List.copyOf(sinks);
    }

    /** @throws IOException when the alerts file cannot be read or written (nothing is sent then) */
    public DispatchReport dispatch(List<Alert> alerts) throws IOException {
        boolean hadFile = Files.exists(alertsFile);
        Map<String, Map<String, Delivery>> previous = new HashMap<>();
        if (hadFile) {
            for (AlertsDocument.Entry e : AlertJson.read(alertsFile).alerts()) {
                previous.put(e.alert().id(), e.deliveriesBySink());
            }
        }
        Map<String, Map<String, Delivery>> deliveries = new LinkedHashMap<>();
        for (Alert a : alerts) {
            deliveries.put(a.id(), new HashMap<>(previous.getOrDefault(a.id(), Map.of())));
        }
        write(alerts, deliveries);

        List<Delivery> sent = new ArrayList<>();
        int history = 0;
        for (AlertSink sink : sinks) {
            List<Alert> due = new ArrayList<>();
            for (Alert a : alerts) {
                Delivery before = deliveries.get(a.id()).get(sink.name());
                boolean done = before != null && before.delivered() && before.status() == a.status();
                if (done) {
                    continue;
                }
                if (!hadFile && !a.open() && before == null) {
                    history++;
                    continue;
                }
                due.add(a);
            }
            if (due.isEmpty()) {
                continue;
            }
            List<Delivery> results = sink.deliver(due);
            for (Delivery d : results) {
                deliveries.get(d.alertId()).put(sink.name(), d);
                sent.add(d);
            }
        }
        write(alerts, deliveries);
        return new DispatchReport(alertsFile, sent, history);
    }

    private void write(List<Alert> alerts, Map<String, Map<String, Delivery>> deliveries) throws IOException {
        AlertJson.write(alertsFile, AlertsDocument.of(alerts, deliveries));
    }

    /**
     * @param attempted   this run's delivery results (delivered or not)
     * @param historySkipped closed alerts not sent because there was no previous alerts file
     */
    public record DispatchReport(Path alertsFile, List<Delivery> attempted, int historySkipped) {
        public DispatchReport {
            attempted = List.copyOf(attempted);
        }

        public List<Delivery> notDelivered() {
            return attempted.stream().filter(d -> !d.delivered()).toList();
        }
    }
}
