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
    void windowRowsCarryCachedAndReasoningTokensOnlyWhenSomeoneSaid(@TempDir Path logs) throws IOException {
        String line = "{\"request_id\":\"r-%d\",\"timestamp\":1763643900,\"feature_id\":\"chat\",\"model_id\":\"m\","
                + "\"latency_ms\":10,\"input_tokens\":1000,\"output_tokens\":100,\"finish_reason\":\"stop\"%s}\n";
        Files.writeString(logs.resolve("with.jsonl"), String.format(line, 1, ",\"cached_input_tokens\":800,\"reasoning_tokens\":40")
                + String.format(line, 2, ",\"cached_input_tokens\":200") + String.format(line, 3, ""));
        StringWriter text = new StringWriter();
        JsonReport.write(Monitor.run(MonitorConfig.of(logs, List.of("with.jsonl"))), List.of(), text);
        JsonNode row = Json.PRETTY.readTree(text.toString()).at("/windows/0");
        assertThat(row.at("/mean_input_tokens").asDouble()).isEqualTo(1000.0);
        assertThat(row.at("/cached_input_tokens_total").asDouble()).isEqualTo(1000.0);
        assertThat(row.at("/mean_cached_input_tokens").asDouble()).isEqualTo(500.0); // over the two that said
        assertThat(row.at("/reasoning_tokens_total").asDouble()).isEqualTo(40.0);
        assertThat(row.at("/mean_reasoning_tokens").asDouble()).isEqualTo(40.0);
        assertThat(row.has("tokens_unknown_requests")).isFalse(); // every native record has known usage

        StringWriter demoText = new StringWriter();
        JsonReport.write(Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl"))), List.of(), demoText);
        JsonNode demoRow = Json.PRETTY.readTree(demoText.toString()).at("/windows/0");
        assertThat(demoRow.has("cached_input_tokens_total")).isFalse(); // the demo's logs do not say: rows as before
        assertThat(demoRow.has("mean_reasoning_tokens")).isFalse();
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
