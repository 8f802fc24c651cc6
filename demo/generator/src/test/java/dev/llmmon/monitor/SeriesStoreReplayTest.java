package dev.llmmon.monitor;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A scheduled job that reads only recent logs, plus the series store, raises the alerts of a full replay. */
class SeriesStoreReplayTest {
    @TempDir
    Path dir;

    private List<Alert> chartAlerts(String logs, Path store) throws IOException {
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of(logs)).withSignals(List.of("signals.jsonl")));
        DetectionJob.Options options = new DetectionJob.Options(dev.llmmon.charting.DetectionPlan.defaults(), List.of())
                .withSeriesStore(store);
        return DetectionJob.run(result, options, dir.resolve("out-" + logs), List.of()).alerts().stream()
                .filter(a -> a.kind() == AlertKind.CONTROL_CHART).toList();
    }

    @Test
    void storePlusRecentLogsEqualsAFullReplay() throws IOException {
        DemoDataGenerator.write(dir, DemoOptions.defaults().withDays(5));
        List<String> lines = Files.readAllLines(dir.resolve("requests.jsonl"));
        // the native demo log is in time order with ISO timestamps: split it at the start of day 4
        Files.write(dir.resolve("early.jsonl"), lines.stream().filter(l -> l.contains("\"2026-11-1")
                && !l.contains("\"2026-11-19T") && !l.contains("\"2026-11-2")).toList());
        Files.write(dir.resolve("late.jsonl"), lines.stream().filter(l -> l.contains("\"2026-11-19T")
                || l.contains("\"2026-11-2")).toList());

        // the full replay through a fresh store: a store keeps window values, so latency is charted as each
        // window's p95 and output tokens as window means there, where a replay with the records charts them from
        // the records (latency share above the baseline p95, tokens per answer; docs/detectors.md)
        List<Alert> full = chartAlerts("requests.jsonl", dir.resolve("series-full"));
        Path store = dir.resolve("series");
        chartAlerts("early.jsonl", store);
        List<Alert> resumed = chartAlerts("late.jsonl", store);

        assertThat(full).isNotEmpty();
        assertThat(resumed).isEqualTo(full);
        // without the store, the late logs alone give other alerts (a new baseline)
        assertThat(chartAlerts("late.jsonl", null)).isNotEqualTo(full);
    }
}
