package dev.llmmon.alert.sink;

import dev.llmmon.spi.Delivery;
import dev.llmmon.alert.Alert;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of {@code alerts.json}, format version {@value AlertJson#VERSION} (its {@code version} field): every
 * alert of the run with its delivery record per sink (sinks in name order). Field names and their order are fixed
 * here, not by the names of {@link Alert} and {@link Delivery}, so renaming code does not change the file. Numbers
 * that are unknown are written as the string {@code "NaN"}; absent values as {@code null}.
 */
@JsonPropertyOrder({"version", "alerts"})
public record AlertsDocument(
        @JsonProperty("version") int version,
        @JsonProperty("alerts") List<Entry> alerts) {

    public AlertsDocument {
        alerts = List.copyOf(alerts);
    }

    /**
     * The one mapping from alerts to the document.
     *
     * @param deliveries by alert id, then by sink name; an alert without an entry has no delivery records
     */
    public static AlertsDocument of(List<Alert> alerts, Map<String, Map<String, Delivery>> deliveries) {
        return new AlertsDocument(AlertJson.VERSION, alerts.stream()
                .map(a -> new Entry(AlertFields.of(a), DeliveryFields.of(deliveries.getOrDefault(a.id(), Map.of()))))
                .toList());
    }

    /** One alert and its deliveries by sink name. */
    @JsonPropertyOrder({"alert", "deliveries"})
    public record Entry(
            @JsonProperty("alert") AlertFields alert,
            @JsonProperty("deliveries") Map<String, DeliveryFields> deliveries) {

        public Entry {
            deliveries = Collections.unmodifiableMap(new TreeMap<>(deliveries));
        }

        /** The delivery records as the dispatcher uses them, by sink name. */
        public Map<String, Delivery> deliveriesBySink() {
            Map<String, Delivery> out = new TreeMap<>();
            deliveries.forEach((sink, d) -> out.put(sink, d.toDelivery()));
            return out;
        }
    }

    /**
     * One alert, as {@link Alert} documents its fields. Since version 2, {@code firstEvidence}: the start of the
     * first window with evidence ({@link Alert#firstEvidence()}: for a daily column-drift alert the hour the change
     * began, else the first evidence window); fields are only ever added,
     * at the end, so a version 1 reader's fields keep their names and meaning.
     */
    @JsonPropertyOrder({"id", "kind", "feature", "model", "metric", "windowStart", "windowEnd", "closedAt", "value",
            "baseline", "limit", "units", "deviation", "direction", "severity", "status", "detector", "message",
            "evidence", "firstEvidence"})
    public record AlertFields(
            @JsonProperty("id") String id,
            @JsonProperty("kind") String kind,
            @JsonProperty("feature") String feature,
            @JsonProperty("model") String model,
            @JsonProperty("metric") String metric,
            @JsonProperty("windowStart") Instant windowStart,
            @JsonProperty("windowEnd") Instant windowEnd,
            @JsonProperty("closedAt") Instant closedAt,
            @JsonProperty("value") double value,
            @JsonProperty("baseline") double baseline,
            @JsonProperty("limit") double limit,
            @JsonProperty("units") String units,
            @JsonProperty("deviation") double deviation,
            @JsonProperty("direction") String direction,
            @JsonProperty("severity") String severity,
            @JsonProperty("status") String status,
            @JsonProperty("detector") String detector,
            @JsonProperty("message") String message,
            @JsonProperty("evidence") List<EvidenceFields> evidence,
            @JsonProperty("firstEvidence") Instant firstEvidence) {

        public AlertFields {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        public static AlertFields of(Alert a) {
            return new AlertFields(a.id(), a.kind().name(), a.feature(), a.model(), a.metric(), a.windowStart(),
                    a.windowEnd(), a.closedAt(), a.value(), a.baseline(), a.limit(), a.units(), a.deviation(),
                    a.direction(), a.severity().name(), a.status().name(), a.detector(), a.message(),
                    a.evidence().stream().map(EvidenceFields::of).toList(),
                    a.firstEvidence());
        }
    }

    /** One window behind an alert. */
    @JsonPropertyOrder({"windowStart", "value", "n", "statistic", "limit"})
    public record EvidenceFields(
            @JsonProperty("windowStart") Instant windowStart,
            @JsonProperty("value") double value,
            @JsonProperty("n") long n,
            @JsonProperty("statistic") double statistic,
            @JsonProperty("limit") double limit) {

        static EvidenceFields of(Alert.Evidence e) {
            return new EvidenceFields(e.windowStart(), e.value(), e.n(), e.statistic(), e.limit());
        }
    }

    /** What happened when the alert was sent to one sink. */
    @JsonPropertyOrder({"alertId", "sink", "status", "delivered", "attempts", "error"})
    public record DeliveryFields(
            @JsonProperty("alertId") String alertId,
            @JsonProperty("sink") String sink,
            @JsonProperty("status") String status,
            @JsonProperty("delivered") boolean delivered,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("error") String error) {

        static Map<String, DeliveryFields> of(Map<String, Delivery> bySink) {
            Map<String, DeliveryFields> out = new TreeMap<>();
            bySink.forEach((sink, d) -> out.put(sink, new DeliveryFields(d.alertId(), d.sink(), d.status().name(),
                    d.delivered(), d.attempts(), d.error())));
            return out;
        }

        Delivery toDelivery() {
            return new Delivery(alertId, sink, Alert.Status.valueOf(status), delivered, attempts, error);
        }
    }
}
