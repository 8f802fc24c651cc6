package dev.llmmon.report;

import dev.llmmon.alert.AlertKind;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.report.internal.MarkdownReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reports show of a detection run over the demo week (moved here from core's DemoDetectionTest). */
class DetectionReportsTest {
    @TempDir
    static Path dir;
    static DetectionJob.Outcome outcome;
    static MonitorResult result;

    @BeforeAll
    static void replay() throws IOException {
        DemoDataGenerator.write(dir, DemoOptions.defaults());
        result = Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl"))
                .withSignals(List.of("signals.jsonl"))
                .withJudgements(dir.resolve("judgements.jsonl"))
                .withAggregation(dev.llmmon.metrics.AggregationOptions.hourly()
                        .withSlices(List.of("query_category", "prompt_version"))));
        var changes = DetectionJob.readChanges(dir, List.of("changes.jsonl"), Rejections.strict());
        outcome = DetectionJob.run(result, new DetectionJob.Options(
                dev.llmmon.charting.DetectionPlan.defaults(), changes), dir.resolve("out"), List.of());
    }

    @Test
    void theReportSaysHowTheChartsWereSetAndWhichSeriesCannotAlertYet() {
        String md = MarkdownReport.render(result, List.of(), outcome);
        int charted = outcome.report().calibration().series();
        assertThat(charted).isGreaterThan(10);
        assertThat(md).contains("## Detection\n\nControl charts: " + charted + " series, each set for ARL0 "
                + Math.round(500.0 * charted) + " so that all together false-alarm about once per 500 windows.");
        assertThat(md).contains(outcome.warmingUp().size() + " series are still collecting their baseline");
        assertThat(md.indexOf("## Detection")).isLessThan(md.indexOf("## Alerts"));
    }

    @Test
    void everyControlChartAlertHasAPicture() throws IOException {
        Map<String, Path> pictures = AlertCharts.write(dir.resolve("out"), outcome);
        assertThat(outcome.alerts()).anyMatch(a -> a.kind() == AlertKind.CONTROL_CHART);
        outcome.alerts().stream().filter(a -> a.kind() == AlertKind.CONTROL_CHART)
                .forEach(a -> assertThat(pictures.get(a.id())).isRegularFile()
                        .isEqualTo(dir.resolve("out/alerts/" + a.id() + ".png")));
    }
}
