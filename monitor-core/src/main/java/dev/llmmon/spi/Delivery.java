package dev.llmmon.spi;

import dev.llmmon.alert.Alert;

/**
 * What happened when one alert was sent to one sink.
 *
 * @param status   the alert's status that was (or was to be) announced: an OPEN alert that later closes is sent again
 * @param attempts calls made (0 when nothing was sent)
 * @param error    why it was not delivered; {@code null} when delivered
 */
public record Delivery(String alertId, String sink, Alert.Status status, boolean delivered, int attempts,
                       String error) {

    public static Delivery ok(Alert alert, String sink, int attempts) {
        return new Delivery(alert.id(), sink, alert.status(), true, attempts, null);
    }

    public static Delivery failed(Alert alert, String sink, int attempts, String error) {
        return new Delivery(alert.id(), sink, alert.status(), false, attempts, error);
    }
}
