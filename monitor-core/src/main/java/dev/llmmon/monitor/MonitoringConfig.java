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
 */
public record MonitoringConfig(MonitorConfig read, DetectionSettings detection, Thresholds thresholds,
                               boolean failOnViolation, Alerting alerting) {
    public MonitoringConfig {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(alerting, "alerting");
    }

    /** Reads these logs with default detection, no thresholds, alerts to the log only. */
    public static MonitoringConfig of(MonitorConfig read) {
        return new MonitoringConfig(read, DetectionSettings.defaults(), Thresholds.none(), true, Alerting.logOnly());
    }

    public MonitoringConfig withDetection(DetectionSettings value) {
        return new MonitoringConfig(read, value, thresholds, failOnViolation, alerting);
    }

    public MonitoringConfig withThresholds(Thresholds value, boolean failOn) {
        return new MonitoringConfig(read, detection, value, failOn, alerting);
    }

    public MonitoringConfig withAlerting(Alerting value) {
        return new MonitoringConfig(read, detection, thresholds, failOnViolation, value);
    }
}
