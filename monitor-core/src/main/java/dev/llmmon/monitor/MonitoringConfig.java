package dev.llmmon.monitor;

import java.util.Objects;

/**
 * Everything one monitoring job needs, as the Maven goal, a plain Java caller or a Spark job fills it.
 *
 * @param read            what to read: logs, signals, format, mapping, judgements, windows and slices
 * @param detection       what detection to run
 * @param thresholds      static limits per window, global and per feature
 * @param failOnViolation whether a threshold violation fails the run ({@code false} only reports it)
 * @param alerting        where alerts go and which fail the run
 * @param input           when the input itself fails the run (empty, too much of it rejected)
 */
public record MonitoringConfig(MonitorConfig read, DetectionSettings detection, Thresholds thresholds,
                               boolean failOnViolation, Alerting alerting, InputPolicy input) {
    public MonitoringConfig {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(input, "input");
    }

    /** Reads these logs with default detection, no thresholds, alerts to the log only, the default input policy. */
    public static MonitoringConfig of(MonitorConfig read) {
        return new MonitoringConfig(read, DetectionSettings.defaults(), Thresholds.none(), true, Alerting.logOnly(),
                InputPolicy.defaults());
    }

    public MonitoringConfig withDetection(DetectionSettings value) {
        return new MonitoringConfig(read, value, thresholds, failOnViolation, alerting, input);
    }

    public MonitoringConfig withThresholds(Thresholds value, boolean failOn) {
        return new MonitoringConfig(read, detection, value, failOn, alerting, input);
    }

    public MonitoringConfig withAlerting(Alerting value) {
        return new MonitoringConfig(read, detection, thresholds, failOnViolation, value, input);
    }

    public MonitoringConfig withInputPolicy(InputPolicy value) {
        return new MonitoringConfig(read, detection, thresholds, failOnViolation, alerting, value);
    }
}
