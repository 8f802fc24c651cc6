package dev.llmmon.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
 * @param firstEvidence the start of the first window (or hour, for a daily alert that could place the change) with
 *                    evidence; defaults to the first evidence window, else {@code windowStart}
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
        List<Evidence> evidence,
        Instant firstEvidence) {

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
        if (firstEvidence == null) {
            firstEvidence = evidence.isEmpty() ? windowStart : evidence.get(0).windowStart();
        }
    }

    /** An alert whose first evidence is its first evidence window (else its start). */
    public Alert(String id, AlertKind kind, String feature, String model, String metric, Instant windowStart,
                 Instant windowEnd, Instant closedAt, double value, double baseline, double limit, String units,
                 double deviation, String direction, Severity severity, Status status, String detector, String message,
                 List<Evidence> evidence) {
        this(id, kind, feature, model, metric, windowStart, windowEnd, closedAt, value, baseline, limit, units,
                deviation, direction, severity, status, detector, message, evidence, null);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /** Starts an alert of this condition; its id is {@link #idOf} of the five parts. */
    public static Builder of(AlertKind kind, String feature, String model, String metric, Instant windowStart) {
        return new Builder(kind, feature, model, metric, windowStart);
    }

    /**
     * Builds an {@link Alert}: the condition is given up front; numbers that a detector does not measure stay NaN,
     * units and direction empty, and the status follows {@link #closedAt} (OPEN while it is {@code null}).
     */
    public static final class Builder {
        private final AlertKind kind;
        private final String feature;
        private final String model;
        private final String metric;
        private final Instant windowStart;
        private Instant windowEnd;
        private Instant closedAt;
        private double value = Double.NaN;
        private double baseline = Double.NaN;
        private double limit = Double.NaN;
        private String units = "";
        private double deviation = Double.NaN;
        private String direction = "";
        private Severity severity;
        private String detector;
        private String message;
        private List<Evidence> evidence = List.of();
        private Instant firstEvidence;

        private Builder(AlertKind kind, String feature, String model, String metric, Instant windowStart) {
            this.kind = kind;
            this.feature = feature;
            this.model = model;
            this.metric = metric;
            this.windowStart = windowStart;
        }

        /** End of the last out-of-condition window so far. */
        public Builder windowEnd(Instant value) {
            windowEnd = value;
            return this;
        }

        /** The window at which the condition was over; {@code null} keeps the alert OPEN. */
        public Builder closedAt(Instant value) {
            closedAt = value;
            return this;
        }

        /** The most extreme value and the in-control level it is compared with, in metric units. */
        public Builder value(double peak, double inControl) {
            value = peak;
            baseline = inControl;
            return this;
        }

        /** The limit that was crossed and the units it is in ({@code value}, {@code sigma}, a test's name ...). */
        public Builder limit(double crossed, String unitsOfLimit) {
            limit = crossed;
            units = unitsOfLimit;
            return this;
        }

        public Builder deviation(double value) {
            deviation = value;
            return this;
        }

        /** {@code UP} or {@code DOWN}. */
        public Builder direction(String value) {
            direction = value;
            return this;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        /** The detector and its parameters, and the message for people. */
        public Builder describedBy(String detectorName, String text) {
            detector = detectorName;
            message = text;
            return this;
        }

        public Builder evidence(List<Evidence> value) {
            evidence = value;
            return this;
        }

        /** Where the evidence starts when a detector can place it inside its first window (e.g. the hour of a day). */
        public Builder firstEvidence(Instant value) {
            firstEvidence = value;
            return this;
        }

        public Alert build() {
            return new Alert(idOf(kind, feature, model, metric, windowStart), kind, feature, model, metric,
                    windowStart, windowEnd, closedAt, value, baseline, limit, units, deviation, direction, severity,
                    closedAt == null ? Status.OPEN : Status.CLOSED, detector, message, evidence, firstEvidence);
        }
    }

    /** A number as alert messages show it: four significant digits, one decimal from 100 up, {@code n/a} for NaN. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
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
