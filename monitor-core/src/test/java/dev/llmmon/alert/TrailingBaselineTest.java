package dev.llmmon.alert;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.metrics.WindowMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrailingBaselineTest {
    @Test
    void theLastDayIsChartedAgainstTheDaysBeforeIt() {
        // p95 moved from 900 to 1200 ms long ago (hour 20) and that is the new normal; the last day steps up
        // again at hour 150
        SyntheticWindows gen = new SyntheticWindows(21);
        gen.p95 = 900;
        List<WindowMetrics> windows = new ArrayList<>(gen.hours(0, 20));
        gen.p95 = 1200;
        windows.addAll(gen.hours(20, 168, h -> false, 0, h -> h >= 150, 300));

        DetectionPlan trailing = DetectionPlan.defaults()
                .withBaseline(BaselineSpec.trailing(Duration.ofDays(2), Duration.ofDays(1)));
        DetectionReport report = Detection.run(trailing, windows, List.of());
        SeriesRun latency = report.runs().stream().filter(r -> r.key().metric() == SeriesMetric.LATENCY_P95_MS)
                .findFirst().orElseThrow();
        assertThat(latency.baselineNote()).startsWith("trailing PT48H ending PT24H");
        // baseline = hours 96..143: the alert is the step at 150, not the old history before the baseline
        assertThat(report.alerts()).filteredOn(a -> a.metric().equals("latency_p95_ms")
                        && a.windowStart().isAfter(SyntheticWindows.START.plus(Duration.ofHours(20))))
                .singleElement().satisfies(a -> {
                    assertThat(a.windowStart()).isBetween(SyntheticWindows.START.plus(Duration.ofHours(150)),
                            SyntheticWindows.START.plus(Duration.ofHours(152)));
                    assertThat(a.baseline()).isBetween(1150.0, 1250.0);
                });
        // the first windows as baseline would take the old level for normal and alarm from hour 20 on
        DetectionReport firstWindows = Detection.run(DetectionPlan.defaults(), windows, List.of());
        assertThat(firstWindows.alerts()).anyMatch(a -> a.metric().equals("latency_p95_ms")
                && a.windowStart().isBefore(SyntheticWindows.START.plus(Duration.ofHours(40))));
    }
}
