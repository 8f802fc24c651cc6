package dev.llmmon.trial;

import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection at its defaults on trial weeks the detectors were not tuned on (issue 12): every incident kind found
 * within its stated delay, nothing in the quiet period, and the charts' false-alarm rate per monitored window
 * compared with what the plan promises. A few seeds by default; {@code -Dllmmon.calibration.seeds=200} for the
 * sweep (docs/detectors.md, "Calibration on the trial generator").
 */
class TrialCalibrationTest {
    @TempDir
    Path dir;

    @Test
    void detectionOnTrialWeeks() throws IOException {
        int seeds = Integer.getInteger("llmmon.calibration.seeds", 4);
        List<TrialCalibration.Week> weeks = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            TrialCalibration.Week w = TrialCalibration.run(dir.resolve("seed-" + seed), seed);
            weeks.add(w);
            System.out.printf(Locale.ROOT, "trial seed %d: %d alerts, %d outside incidents (%d chart), quiet %d, missed %s%n",
                    seed, w.alerts().size(), w.falseAlarms().size(), w.chartFalseAlarms().size(),
                    w.quietPeriodAlerts().size(), w.delays().entrySet().stream().filter(e -> e.getValue().isEmpty())
                            .map(e -> e.getKey().kind()).toList());
            w.falseAlarms().forEach(a -> System.out.printf(Locale.ROOT, "  outside: %s %s %s at %s (%.1f sd) %s%n",
                    a.severity(), TrialCalibration.series(a), a.detector(), a.windowStart(), a.deviation(), a.message()));
        }
        report(weeks);
        for (TrialCalibration.Week w : weeks) {
            w.delays().forEach((incident, delay) -> assertThat(delay)
                    .as("seed %d, %s on %s", w.seed(), incident.kind(), incident.feature())
                    .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(incident.maxDelay())));
            assertThat(w.quietPeriodAlerts()).as("seed %d: alerts in the quiet period", w.seed())
                    .noneMatch(a -> a.severity().atLeast(Severity.MAJOR));
        }
        // Stated bounds (docs/detectors.md, "Calibration on the trial generator"): measured today, to catch a
        // regression; the plan's promise (one chart false alarm per familyArl windows) is not met yet.
        long quietChart = weeks.stream().mapToLong(w -> w.quietPeriodAlerts().stream()
                .filter(a -> a.kind() == AlertKind.CONTROL_CHART).count()).sum();
        assertThat(quietChart).as("control-chart alerts in the quiet periods").isLessThanOrEqualTo(weeks.size());
        long chartFalse = weeks.stream().mapToLong(w -> w.chartFalseAlarms().size()).sum();
        assertThat(chartFalse).as("control-chart alerts outside every incident").isLessThanOrEqualTo(3L * weeks.size());
    }

    static void report(List<TrialCalibration.Week> weeks) {
        Map<TrialIncident.Kind, List<Optional<Duration>>> byKind = new EnumMap<>(TrialIncident.Kind.class);
        weeks.forEach(w -> w.delays().forEach((i, d) -> byKind.computeIfAbsent(i.kind(), k -> new ArrayList<>()).add(d)));
        System.out.println("| incident kind | found | median delay (h) | max delay (h) |");
        byKind.forEach((kind, delays) -> {
            List<Long> hours = delays.stream().flatMap(Optional::stream).map(Duration::toHours).sorted().toList();
            System.out.printf(Locale.ROOT, "| %s | %d/%d | %s | %s |%n", kind, hours.size(), delays.size(),
                    hours.isEmpty() ? "-" : hours.get(hours.size() / 2), hours.isEmpty() ? "-" : hours.get(hours.size() - 1));
        });
        long all = weeks.stream().mapToLong(w -> w.falseAlarms().size()).sum();
        long chart = weeks.stream().mapToLong(w -> w.chartFalseAlarms().size()).sum();
        long windows = weeks.stream().mapToLong(TrialCalibration.Week::monitoredChartWindows).sum();
        double seriesPerWeek = weeks.stream().mapToInt(TrialCalibration.Week::chartedSeries).average().orElse(1);
        double familyWindows = windows / seriesPerWeek;
        System.out.printf(Locale.ROOT, "false alarms: %d in %d weeks (%.2f a week), %d of them control charts; chart "
                        + "family rate %.5f per window (plan %.5f = 1/%.0f) over %.0f family windows%n", all, weeks.size(),
                (double) all / weeks.size(), chart, chart / familyWindows, 1 / weeks.get(0).familyArl(),
                weeks.get(0).familyArl(), familyWindows);
        TrialCalibration.bySeries(weeks).forEach((s, n) -> System.out.printf("  %3d %s%n", n, s));
    }
}
