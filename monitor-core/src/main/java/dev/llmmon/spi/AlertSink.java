package dev.llmmon.spi;

import dev.llmmon.alert.Alert;

import java.util.List;

/**
 * Somewhere alerts are sent. A sink reports failure in its {@link Delivery} results instead of throwing, so one
 * failing sink never stops the others (and never loses an alert: the dispatcher has already written it
 * to the alerts file).
 */
public interface AlertSink {

    /** Short stable name, used as the key of delivery records in alerts.json (e.g. {@code slack}). */
    String name();

    /** One delivery result per alert, in the same order. */
    List<Delivery> deliver(List<Alert> alerts);
}
