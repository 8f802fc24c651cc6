package dev.llmmon.trial;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.detect.PointResult;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.series.SeriesRun;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs core's monitor and detection at their defaults over trial weeks and sorts the alerts: each either belongs to
 * an injected incident (same feature, same model unless either side is feature-wide, and a period that overlaps the
 * incident widened by {@link #MARGIN_BEFORE} and {@link #MARGIN_AFTER}) or is a false alarm.
 */
public final class TrialCalibration {
    /** An alert whose first window is up to one window before the incident still belongs to it. */
    static final Duration MARGIN_BEFORE = Duration.ofHours(1);
    /** A chart needs a few windows to come back after a short incident (an EWMA remembers). */
    static final Duration MARGIN_AFTER = Duration.ofHours(6);

    private TrialCalibration() {
    }

    /** One trial week's outcome. */
    public record Week(long seed, List<Alert> alerts, List<Alert> falseAlarms, Map<TrialIncident, Optional<Duration>> delays,
                       long monitoredChartWindows, int chartedSeries, double familyArl, List<Alert> quietPeriodAlerts) {
        /** Control-chart alerts outside every incident. */
        public List<Alert> chartFalseAlarms() {
            return falseAlarms.stream().filter(a -> a.kind() == AlertKind.CONTROL_CHART).toList();
        }
    }

    public static Week run(Path dir, long seed) throws IOException {
        TrialTrafficGenerator.Written written = TrialTrafficGenerator.write(dir, seed);
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of(TrialTrafficGenerator.REQUESTS))
                .withSignals(List.of(TrialTrafficGenerator.SIGNALS))
                .withJudgements(dir.resolve(TrialTrafficGenerator.JUDGEMENTS))
                .withAggregation(AggregationOptions.hourly().withSlices(List.of("query_category"))));
        DetectionJob.Outcome outcome = DetectionJob.run(result,
                new DetectionJob.Options(DetectionPlan.defaults(), List.of()), dir.resolve("llmmon"), List.of());
        List<Alert> alerts = outcome.alerts();
        List<Alert> outside = new ArrayList<>();
        List<Alert> quiet = new ArrayList<>();
        for (Alert a : alerts) {
            if (written.incidents().stream().noneMatch(i -> explains(i, a))) {
                outside.add(a);
            }
            if (a.windowStart().isBefore(TrialTrafficGenerator.QUIET_TO)
                    && a.windowEnd().isAfter(TrialTrafficGenerator.QUIET_FROM)) {
                quiet.add(a);
            }
        }
        Map<TrialIncident, Optional<Duration>> delays = new LinkedHashMap<>();
        for (TrialIncident i : written.incidents()) {
            delays.put(i, alerts.stream().filter(a -> explains(i, a)).map(a -> firstEvidence(a))
                    .min(Instant::compareTo).map(t -> t.isBefore(i.start()) ? Duration.ZERO : Duration.between(i.start(), t)));
        }
        long monitored = 0;
        int charted = 0;
        for (SeriesRun run : outcome.report().runs()) {
            long n = run.result().points().stream().filter(p -> p.status() == PointResult.Status.IN_CONTROL
                    || p.status() == PointResult.Status.OUT_OF_CONTROL).count();
            monitored += n;
            charted += n > 0 ? 1 : 0;
        }
        return new Week(seed, alerts, outside, delays, monitored, charted,
                outcome.report().calibration().familyArl(), quiet);
    }

    /** The first window the alert shows evidence in (its first evidence window, else its start). */
    static Instant firstEvidence(Alert a) {
        return a.evidence().isEmpty() ? a.windowStart() : a.evidence().get(0).windowStart();
    }

    static boolean explains(TrialIncident incident, Alert a) {
        boolean sameFeature = a.feature().equals(incident.feature())
                || "*".equals(a.feature()) && incident.model() != null && incident.model().equals(a.model());
        boolean sameModel = incident.model() == null || a.model() == null || "*".equals(a.model())
                || incident.model().equals(a.model());
        Instant end = a.windowEnd() == null ? a.windowStart().plus(Duration.ofHours(1)) : a.windowEnd();
        return sameFeature && sameModel && a.windowStart().isBefore(incident.end().plus(MARGIN_AFTER))
                && end.isAfter(incident.start().minus(MARGIN_BEFORE));
    }

    /** Series name of an alert for the per-series table. */
    static String series(Alert a) {
        return a.kind() + " " + a.feature() + "/" + a.model() + "/" + a.metric();
    }

    /** Per-series false alarms over many weeks, most first. */
    static Map<String, Integer> bySeries(List<Week> weeks) {
        Map<String, Integer> out = new TreeMap<>();
        weeks.forEach(w -> w.falseAlarms().forEach(a -> out.merge(series(a), 1, Integer::sum)));
        return out;
    }
}
