package dev.llmmon.spark;

import dev.llmmon.monitor.Metric;
import dev.llmmon.monitor.MonitoringConfig;
import dev.llmmon.report.ReportFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job's options are the goal's: same names, same defaults, clear errors. */
class CommandLineTest {
    private static final Path BASE = Path.of("/work/base");

    @Test
    void theGoalsDefaultsWhenOnlyLogsAreGiven() {
        CommandLine line = CommandLine.parse(new String[] {"--logs", "a.jsonl"}, BASE);
        MonitoringConfig config = line.config();
        assertThat(config.read().logs()).containsExactly("a.jsonl");
        assertThat(config.read().aggregation().window().duration()).hasHours(1);
        assertThat(config.read().aggregation().sketch()).isFalse();
        assertThat(config.read().format()).isEqualTo("auto");
        assertThat(config.read().timeOutlierFloorDays()).isEqualTo(7);
        assertThat(config.detection().enabled()).isTrue();
        assertThat(config.failOnViolation()).isTrue();
        assertThat(config.alerting().failOnAlert()).isNull();
        assertThat(line.formats()).containsExactly(ReportFormat.JSON, ReportFormat.MARKDOWN, ReportFormat.PROMETHEUS,
                ReportFormat.HTML);
        assertThat(line.out()).isEqualTo(BASE.resolve("target/llmmon"));
        assertThat(line.master()).isNull();
    }

    @Test
    void keysAreTheLlmmonPropertiesWithOrWithoutTheirPrefix() {
        CommandLine line = CommandLine.parse(new String[] {"--llmmon.logs", "a.jsonl,b.jsonl", "--logs", "c.jsonl",
                "--window=5m", "--sketch", "--slices", "prompt_version", "--out", "reports",
                "--llmmon.maxErrorRate", "0.05", "--failOnAlert", "major", "--master", "local[2]"}, BASE);
        assertThat(line.config().read().logs()).containsExactly("a.jsonl", "b.jsonl", "c.jsonl");
        assertThat(line.config().read().aggregation().window().duration()).hasMinutes(5);
        assertThat(line.config().read().aggregation().sketch()).isTrue();
        assertThat(line.config().read().aggregation().slices()).containsExactly("prompt_version");
        assertThat(line.config().thresholds().limitsFor("any-feature"))
                .containsEntry(Metric.ERROR_RATE, new java.math.BigDecimal("0.05"));
        assertThat(line.config().alerting().failOnAlert()).isNotNull();
        assertThat(line.out()).isEqualTo(BASE.resolve("reports"));
        assertThat(line.master()).isEqualTo("local[2]");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--logs", "a", "--windows", "1h"}, BASE))
                .hasMessageContaining("unknown option --windows").hasMessageContaining("window");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--window", "1h"}, BASE))
                .hasMessageContaining("--logs");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--logs", "a", "--window", "1h", "--window", "5m"},
                BASE)).hasMessageContaining("--window given twice");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--logs", "a", "--sketch", "maybe"}, BASE))
                .hasMessageContaining("--sketch is true or false");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--logs", "a", "--minRequests", "many"}, BASE))
                .hasMessageContaining("--minRequests is a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"logs.jsonl"}, BASE))
                .hasMessageContaining("expected --key value");
    }

    @Test
    void theUsageListsEveryKey() {
        String usage = CommandLine.usage();
        CommandLine.DEFAULTS.keySet().forEach(key -> assertThat(usage).contains("--" + key));
        assertThat(CommandLine.wantsHelp(new String[] {"--help"})).isTrue();
        assertThat(CommandLine.wantsHelp(new String[] {"--logs", "a"})).isFalse();
    }
}
