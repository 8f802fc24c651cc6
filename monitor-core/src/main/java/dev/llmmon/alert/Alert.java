package dev.llmmon.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One out-of-control condition. A condition that persists over many windows is one alert (OPEN while it lasts,
 * CLOSED once the series is back), never one alert per window. The id depends only on what the condition is
 * and when it started, so replaying the same history gives the same ids.
 *
 * @param id          {@link #idOf} of kind, feature, model, metric and start
 * @param model       the model id, or {@code *} for a feature-level series
 * @param windowStart start of the first out-of-control window
 * @param windowEnd   end of the last out-of-control window so far
 * @param closedAt    the window at which the series was back in control; {@code null} while OPEN
 * @param value       the most extreme window value of the condition (metric units)
 * @param baseline    the in-control level the value is compared with (metric units); NaN when there is none
 * @param limit       the limit that was crossed, in {@code units}
 * @param units       {@code value} (metric units) or {@code sigma} (standard deviations of the chart statistic)
 * @param deviation   how far out the peak window is: (value − baseline) in that window's standard deviations
 *                    (robust z for cost anomalies); NaN when unknown
 * @param direction   {@code UP} or {@code DOWN}
 * @param detector    the detector and its parameters
 * @param evidence    the windows that caused the alert, in time order
 */
public record Alert(
        String id,
        AlertKind kind,
        String feature,
        String model,
        String metric,
        Instant windowStart,
        Instant windowEnd,
        Instant closedAt,
        double value,
        double baseline,
        double limit,
        String units,
        double deviation,
        String direction,
        Severity severity,
        Status status,
        String detector,
        String message,
        List<Evidence> evidence) {

    public enum Status {
        OPEN,
        CLOSED
    }

    /**
     * One window behind an alert.
     *
     * @param statistic the chart statistic (or robust z) at that window
     * @param limit     the limit at that window, in the alert's units
     */
    public record Evidence(Instant windowStart, double value, long n, double statistic, double limit) {
    }

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /** First 16 hex digits of SHA-256 over the parts joined by a separator that ids never contain. */
    public static String idOf(AlertKind kind, String feature, String model, String metric, Instant start) {
        String joined = String.join("\u001f", kind.name(), feature, String.valueOf(model), metric, start.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
