package dev.llmmon.trial;

import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.Monitor;
import dev.llmmon.monitor.MonitorConfig;
import dev.llmmon.monitor.MonitorResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trial weeks read cleanly through core's readers and have the shape issue 12 describes. */
class TrialTrafficGeneratorTest {
    @TempDir
    static Path dir;
    static TrialTrafficGenerator.Written written;
    static MonitorResult result;

    @BeforeAll
    static void write() throws IOException {
        written = TrialTrafficGenerator.write(dir, 7);
        result = Monitor.run(MonitorConfig.of(dir, List.of(TrialTrafficGenerator.REQUESTS))
                .withSignals(List.of(TrialTrafficGenerator.SIGNALS))
                .withJudgements(dir.resolve(TrialTrafficGenerator.JUDGEMENTS))
                .withAggregation(AggregationOptions.hourly()).withStrict(true));
    }

    @Test
    void aboutTwoHundredThousandRequestsReadWithoutRejections() {
        assertThat(written.requests()).isBetween(180_000L, 220_000L);
        assertThat(result.input().ingest().records()).isEqualTo(written.requests());
        assertThat(written.judgements()).isBetween(written.requests() / 25, written.requests() / 12);
    }

    @Test
    void nightsAreThinAndTheSmallModelOftenHasFewerThanTwentyRequestsAnHour() {
        List<WindowMetrics> mini = result.windows().stream().filter(w -> !w.key().isSliced() && !w.key().isRollup()
                && w.featureId().equals("support-bot") && w.modelId().startsWith("gpt-4o-mini")).toList();
        long thin = mini.stream().filter(w -> w.requests() < 20).count();
        assertThat(thin).isGreaterThan(mini.size() / 3);
    }

    @Test
    void truncationsRefusalsAndHeavyTailsArePresent() throws IOException {
        String log = Files.readString(dir.resolve(TrialTrafficGenerator.REQUESTS));
        assertThat(log).contains("\"finish_reason\":\"max_tokens\"", "\"finish_reason\":\"refusal\"");
        double p95ToMedian = result.windows().stream().filter(w -> !w.key().isSliced() && !w.key().isRollup()
                        && w.featureId().equals("draft-email") && w.requests() > 150)
                .mapToDouble(w -> w.latencyP95Ms() / w.latencyP50Ms()).average().orElseThrow();
        assertThat(p95ToMedian).isGreaterThan(2.2); // a log-normal with σ = 0.45 alone gives 2.1
    }

    @Test
    void sevenIncidentsOfSevenKindsAfterTheQuietPeriod() {
        assertThat(written.incidents()).extracting(TrialIncident::kind).doesNotHaveDuplicates()
                .hasSize(TrialIncident.Kind.values().length);
        assertThat(written.incidents()).allMatch(i -> !i.start().isBefore(TrialTrafficGenerator.QUIET_TO));
    }
}
