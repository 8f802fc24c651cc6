package dev.llmmon.triage;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What to triage: an alert of a monitor run's {@code alerts.json}, or a feature (optionally one model) and a time
 * range. The metric is the alert's unless given.
 *
 * @param alertId    an id from {@code alertsFile}, or {@code null}
 * @param alertsFile the monitor's {@code alerts.json}, needed with {@code alertId}
 * @param feature    the feature, when no alert is given
 * @param model      one model of the feature, or {@code null} / {@code *} for all
 * @param metric     a metric name ({@code error_rate}, {@code quality_mean}, ...), or {@code null} for the alert's
 * @param from       start of the window, when no alert is given
 * @param to         end of the window (exclusive), when no alert is given
 */
public record TriageTarget(String alertId, Path alertsFile, String feature, String model, String metric,
                           Instant from, Instant to) {
    public TriageTarget {
        if (alertId != null) {
            if (alertsFile == null) {
                throw new IllegalArgumentException("alert " + alertId + " needs the monitor's alerts.json");
            }
        } else {
            if (feature == null || from == null || to == null) {
                throw new IllegalArgumentException("triage needs an alert id (llmmon.triage.alertId) or a feature and a"
                        + " time range (llmmon.triage.feature, llmmon.triage.from, llmmon.triage.to)");
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("time range: from " + from + " is not before to " + to);
            }
            if (metric == null) {
                throw new IllegalArgumentException("a feature and time range need a metric (llmmon.triage.metric),"
                        + " e.g. error_rate or quality_flagged_rate");
            }
        }
    }

    public static TriageTarget alert(String id, Path alertsFile) {
        return new TriageTarget(id, alertsFile, null, null, null, null, null);
    }

    public static TriageTarget span(String feature, String model, String metric, Instant from, Instant to) {
        return new TriageTarget(null, null, feature, model, metric, from, to);
    }

    /** The same target with another metric ({@code null}: the alert's). */
    public TriageTarget withMetric(String value) {
        return new TriageTarget(alertId, alertsFile, feature, model, value, from, to);
    }
}
