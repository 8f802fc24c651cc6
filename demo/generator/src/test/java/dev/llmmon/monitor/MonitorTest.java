package dev.llmmon.monitor;

import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.demo.DemoSummary;
import dev.llmmon.metrics.WindowMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor end to end over the synthetic demo week. */
class MonitorTest {
    @TempDir
    static Path dir;
    static DemoSummary demo;

    @BeforeAll
    static void writeDemo() throws IOException {
        demo = DemoDataGenerator.write(dir, DemoOptions.defaults().withDays(4).withOtlp(true));
    }

    private static MonitorResult run(String logs, String format) throws IOException {
        return Monitor.run(MonitorConfig.of(dir, List.of(logs)).withFormat(format, null)
                .withSignals(List.of("signals.jsonl")));
    }

    /** Cost is not carried by OTLP (the pricing table fills it in), so compare everything else. */
    private static WindowMetrics withoutCost(WindowMetrics w) {
        return new WindowMetrics(w.key(), w.windowStart(), w.windowEnd(), w.requests(), w.errors(), w.refusals(),
                w.errorRate(), w.refusalRate(), w.latencyP50Ms(), w.latencyP95Ms(), w.latencyP99Ms(), 0, 0, 0,
                w.meanInputTokens(), w.meanOutputTokens(), w.signals());
    }

    @Test
    void nativeAndOtlpExportsOfTheSameRequestsGiveIdenticalMetrics() throws IOException {
        MonitorResult nativeRun = run("requests.jsonl", "auto");
        MonitorResult otlpRun = run("requests.otlp.jsonl", "auto");
        assertThat(nativeRun.ingest().records()).isEqualTo(demo.requests());
        assertThat(otlpRun.ingest().records()).isEqualTo(demo.requests());
        assertThat(otlpRun.rejections().total()).isZero();
        assertThat(otlpRun.windows().stream().map(MonitorTest::withoutCost).toList())
                .isEqualTo(nativeRun.windows().stream().map(MonitorTest::withoutCost).toList());
        assertThat(nativeRun.orphanSignals()).isEqualTo(demo.orphanSignals());
    }

    @Test
    void staticThresholdsFindTheInjectedErrorSpikeAndNothingInTheCleanDays() throws IOException {
        MonitorResult result = run("requests.jsonl", "native");
        List<Thresholds.Violation> violations = Thresholds.none()
                .max(Metric.ERROR_RATE, new BigDecimal("0.15")).minRequests(30).check(result.windows());
        var spike = demo.incidents().stream().filter(i -> i.metric().equals("error_rate")).findFirst().orElseThrow();
        assertThat(violations).isNotEmpty().allSatisfy(v -> {
            assertThat(v.featureId()).isEqualTo(spike.featureId());
            assertThat(spike.covers(v.windowStart())).isTrue();
        });
        Instant cleanUntil = Instant.parse("2026-11-18T00:00:00Z");
        assertThat(violations).noneMatch(v -> v.windowStart().isBefore(cleanUntil));
    }

    @Test
    void perFeatureLimitsOverrideGlobalOnesAndZeroTurnsThemOff() throws IOException {
        MonitorResult result = run("requests.jsonl", "native");
        Thresholds t = Thresholds.none().max(Metric.ERROR_RATE, new BigDecimal("0.0001")).minRequests(30)
                .max("extract-invoice", Metric.ERROR_RATE, BigDecimal.ZERO);
        Set<String> features = t.check(result.windows()).stream().map(Thresholds.Violation::featureId)
                .collect(Collectors.toSet());
        assertThat(features).isNotEmpty().doesNotContain("extract-invoice");
    }

    @Test
    void aFileOfAnUnknownShapeAsksForAMapping() throws IOException {
        // one such file costs only itself: it is an unreadable_file rejection naming it, not a stopped run
        MonitorResult result = run("incidents.json", "auto");
        assertThat(result.ingest().records()).isZero();
        assertThat(result.rejections().examples(dev.llmmon.ingest.RejectReason.UNREADABLE_FILE))
                .singleElement()
                .satisfies(r -> assertThat(r.toString()).contains("incidents.json")
                        .contains("Cannot tell the log format").contains("configure a field mapping"));
    }
}
