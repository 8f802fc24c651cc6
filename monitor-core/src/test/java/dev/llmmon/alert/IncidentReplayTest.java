package dev.llmmon.alert;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmmon.metrics.WindowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays a synthetic history with injected incidents: 3 clean days (the pinned baseline), a clean fourth day
 * (monitored, no incident), a 6-hour error spike (2 % → 8 %) on day 5 and a p95 latency step of +300 ms (5σ)
 * from day 6 on. (The demo-data version of this test is added with the demo generator.)
 */
class IncidentReplayTest {
    private static final int SPIKE_START = 100;
    private static final int STEP_START = 120;
    private static final int END = 144;

    private static Instant hour(int h) {
        return SyntheticWindows.START.plus(Duration.ofHours(h));
    }

    private static DetectionReport replay(long seed) {
        List<WindowMetrics> windows = new SyntheticWindows(seed).hours(0, END,
                h -> h >= SPIKE_START && h < SPIKE_START + 6, 0.08, h -> h >= STEP_START, 300);
        DetectionPlan plan = DetectionPlan.defaults().withBaseline(BaselineSpec.pinned(hour(0), hour(72)));
        return Detection.run(plan, windows, List.of());
    }

    private static boolean caught(DetectionReport r, String metric, int from, int within) {
        // an alert that is out of control in one of the first `within` incident windows (it may have opened earlier)
        return r.alerts().stream().filter(a -> a.metric().equals(metric)).flatMap(a -> a.evidence().stream())
                .anyMatch(e -> !e.windowStart().isBefore(hour(from)) && e.windowStart().isBefore(hour(from + within)));
    }

    private static boolean falseAlarmOnCleanDay(DetectionReport r) {
        return r.alerts().stream().anyMatch(a -> a.windowStart().isBefore(hour(SPIKE_START)));
    }

    @Test
    void everyInjectedIncidentIsCaughtAndTheCleanDayIsQuiet() {
        DetectionReport report = replay(7);
        assertThat(caught(report, "error_rate", SPIKE_START, 2)).isTrue();
        assertThat(caught(report, "latency_p95_ms", STEP_START, 4)).isTrue();
        assertThat(report.alerts()).filteredOn(a -> a.windowStart().isBefore(hour(SPIKE_START))).isEmpty();
        assertThat(report.openAlerts()).extracting(Alert::metric).contains("latency_p95_ms");
        assertThat(report.shouldFail(Severity.MAJOR)).isTrue();
        assertThat(replay(7).alerts()).isEqualTo(report.alerts());
    }

    /**
     * Over 200 seeds: both incidents are caught in every run within 2 (spike) and 4 (step) windows. The clean
     * monitored day (5 charted series × 28 windows) is quiet in most runs but not all: measured 26/200 runs with
     * some alert, 6/200 with a MAJOR or worse one (what `failOnAlert=major` would fail on). Before the charts were
     * calibrated as a family (DetectionPlan#familyArl) and proportions scored by their binomial tails, it was
     * 62/200 and 12/200. The plan says 1 − e^(−28/500) ≈ 5.4 % of clean days alarm; the excess is Phase I
     * estimation error (μ0 and σ from 72 windows: with estimated parameters each chart's actual ARL0 scatters
     * widely around the planned one; Jones, Champ &amp; Rigdon 2001).
     */
    @Test
    void acrossSeedsIncidentsAreAlwaysCaughtAndCleanDaysRarelyAlarm() {
        int runs = Integer.getInteger("runs", 200);
        int spikes = 0;
        int steps = 0;
        int falseAlarms = 0;
        int failingFalseAlarms = 0;
        for (long seed = 1000; seed < 1000 + runs; seed++) {
            DetectionReport r = replay(seed);
            spikes += caught(r, "error_rate", SPIKE_START, 2) ? 1 : 0;
            steps += caught(r, "latency_p95_ms", STEP_START, 4) ? 1 : 0;
            falseAlarms += falseAlarmOnCleanDay(r) ? 1 : 0;
            failingFalseAlarms += r.alerts().stream().anyMatch(a -> a.windowStart().isBefore(hour(SPIKE_START))
                    && a.severity().atLeast(Severity.MAJOR)) ? 1 : 0;
        }
        System.out.printf("incident replay: spikes %d/%d, steps %d/%d, runs with a clean-day alarm %d/%d "
                + "(MAJOR or worse: %d)%n", spikes, runs, steps, runs, falseAlarms, runs, failingFalseAlarms);
        assertThat(spikes).isEqualTo(runs);
        assertThat(steps).isEqualTo(runs);
        assertThat(falseAlarms / (double) runs).isLessThan(0.20);
        assertThat(failingFalseAlarms / (double) runs).isLessThan(0.06);
    }
}
