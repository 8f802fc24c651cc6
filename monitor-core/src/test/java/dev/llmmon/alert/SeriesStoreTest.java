package dev.llmmon.alert;

import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.ChartType;
import dev.llmmon.charting.Detection;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.charting.DetectionReport;
import dev.llmmon.series.SeriesMetric;
import dev.llmmon.series.SeriesSet;
import dev.llmmon.series.SeriesStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmmon.metrics.WindowMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesStoreTest {
    @TempDir
    Path dir;

    /** Two features, a model change, an error spike, a latency step and a few windows without a cost. */
    private static List<WindowMetrics> history() {
        List<WindowMetrics> all = new ArrayList<>();
        SyntheticWindows chat = new SyntheticWindows(31);
        all.addAll(chat.hours(0, 200, h -> h >= 120 && h < 126, 0.09, h -> h >= 180, 350));
        SyntheticWindows summarizer = new SyntheticWindows(32);
        summarizer.feature = "summarize/v2";
        summarizer.model = "vendor:model@2025-01";
        all.addAll(summarizer.hours(0, 100));
        summarizer.model = "vendor:model@2025-03";
        summarizer.outputTokens = 380;
        all.addAll(summarizer.hours(100, 200));
        return all;
    }

    @Test
    void replayingFromTheStoreGivesExactlyTheAlertsOfAFullReplay() throws Exception {
        List<WindowMetrics> all = history();
        for (DetectionPlan plan : List.of(DetectionPlan.defaults(),
                DetectionPlan.defaults().withChart(ChartType.CUSUM),
                DetectionPlan.defaults().withBaseline(BaselineSpec.beforeModelChange(Duration.ofDays(2))))) {
            DetectionReport full = Detection.run(plan, all, List.of());
            assertThat(full.alerts()).hasSizeGreaterThanOrEqualTo(2);

            // CI run 1 saw the first 150 hours; run 2 only the logs of the last 50 hours plus the cached store
            Path store = dir.resolve(plan.chart() + "-" + plan.baseline().getClass().getSimpleName());
            SeriesStore cache = new SeriesStore(store);
            List<WindowMetrics> early = all.stream().filter(w -> w.windowStart().isBefore(hour(150))).toList();
            List<WindowMetrics> late = all.stream().filter(w -> !w.windowStart().isBefore(hour(150))).toList();
            cache.save(SeriesSet.from(early, List.of(), plan.metrics()));
            SeriesSet replayed = new SeriesStore(store).update(SeriesSet.from(late, List.of(), plan.metrics()));

            assertThat(replayed).isEqualTo(SeriesSet.from(all, List.of(), plan.metrics()));
            assertThat(Detection.run(plan, new SeriesStore(store).load()).alerts()).isEqualTo(full.alerts());
        }
    }

    @Test
    void oneSmallFilePerFeatureModelAndMetricWithSafeNames() throws Exception {
        SeriesStore store = new SeriesStore(dir);
        store.save(SeriesSet.from(history(), List.of(), EnumSet.of(SeriesMetric.ERROR_RATE)));
        Path file = dir.resolve("summarize%2Fv2").resolve("vendor%3Amodel%402025-01").resolve("error_rate.csv");
        assertThat(file).exists();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(101);
        assertThat(lines.get(0)).isEqualTo("window_start,window_end,value,n");
        assertThat(lines.get(1)).matches("2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,0\\.\\d+,400");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3);
        }
    }

    @Test
    void aDamagedStoreFileIsNamedWithLineAndField() throws Exception {
        SeriesStore store = new SeriesStore(dir);
        store.save(SeriesSet.from(history(), List.of(), EnumSet.of(SeriesMetric.ERROR_RATE)));
        Path file = dir.resolve("support-chat").resolve("gpt-4o-mini").resolve("error_rate.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(3, lines.get(3).replaceFirst(",0\\.\\d+,", ",zero,"));
        Files.write(file, lines);
        assertThatThrownBy(store::load).hasMessageContaining(file.toString()).hasMessageContaining("line 4")
                .hasMessageContaining("field value");
    }

    private static java.time.Instant hour(int h) {
        return SyntheticWindows.START.plus(Duration.ofHours(h));
    }
}
