package dev.llmmon.charting;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.Severity;
import dev.llmmon.series.SeriesKey;
import dev.llmmon.series.SeriesRun;
import java.util.List;
import java.util.Optional;

/**
 * Everything a detection run found: every series as charted, the alerts (ordered by start, then series), and how
 * the charts' limits were set for the run.
 */
public record DetectionReport(List<SeriesRun> runs, List<Alert> alerts, Calibration calibration) {
    public DetectionReport {
        runs = List.copyOf(runs);
        alerts = List.copyOf(alerts);
    }

    public List<Alert> openAlerts() {
        return alerts.stream().filter(Alert::open).toList();
    }

    /**
     * The alerts that should fail a build with {@code failOnAlert = threshold}: OPEN ones of that severity or worse.
     * Closed alerts are history (the replay sees them on every run) and never fail a build.
     */
    public List<Alert> failing(Severity threshold) {
        return alerts.stream().filter(a -> a.open() && a.severity().atLeast(threshold)).toList();
    }

    public boolean shouldFail(Severity threshold) {
        return !failing(threshold).isEmpty();
    }

    public Optional<SeriesRun> run(SeriesKey key) {
        return runs.stream().filter(r -> r.key().equals(key)).findFirst();
    }

    /** Series whose baseline is still being collected (no alert can come from them yet). */
    public List<SeriesRun> warmingUp() {
        return runs.stream().filter(SeriesRun::warmingUp).toList();
    }
}
