package dev.llmmon.report;

import dev.llmmon.internal.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.demo.DemoSummary;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.report.internal.JsonReport;
import dev.llmmon.report.internal.MarkdownReport;
import dev.llmmon.report.internal.PrometheusReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports of a monitor run over the synthetic demo days (moved here from core's MonitorTest). */
class ReportsTest {
    @TempDir
    static Path dir;
    static DemoSummary demo;

    @BeforeAll
    static void writeDemo() throws IOException {
        demo = DemoDataGenerator.write(dir, DemoOptions.defaults().withDays(4).withOtlp(true));
    }

    @Test
    void reportsCarryTheRunAndUnknownValuesAsNull() throws IOException {
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl"))
                .withAggregation(AggregationOptions.hourly().withSketch(true)));
        StringWriter text = new StringWriter();
        JsonReport.write(result, List.of(), text);
        JsonNode json = Json.PRETTY.readTree(text.toString());
        assertThat(json.at("/input/records").asLong()).isEqualTo(demo.requests());
        assertThat(json.at("/config/latency_mode").asText()).isEqualTo("sketch");
        assertThat(json.at("/windows").size()).isEqualTo(result.windows().size());
        // no signals given: no user_signals objects
        assertThat(json.at("/windows/0/user_signals").isMissingNode()).isTrue();
        String md = MarkdownReport.render(result, List.of());
        assertThat(md).contains("## Threshold violations\n\nNone.").contains("extract-invoice");
        String prom = PrometheusReport.render(result);
        assertThat(prom).contains("llmmon_records_total " + demo.requests()).endsWith("# EOF\n");
    }

    @Test
    void theStepSummaryGetsTheSameMarkdownAppended() throws IOException {
        MonitorResult result = Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl")).withFormat("native", null)
                .withSignals(List.of("signals.jsonl")));
        Path out = dir.resolve("reports");
        Path summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        List<Path> written = Reports.write(out, EnumSet.of(ReportFormat.MARKDOWN, ReportFormat.JSON),
                result, List.of(), null, summary);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("report.md",
                "report.json");
        String markdown = Files.readString(out.resolve("report.md"));
        assertThat(markdown).startsWith("# llmmon monitor report");
        assertThat(Files.readString(summary)).isEqualTo("earlier step\n" + markdown);
    }
}
