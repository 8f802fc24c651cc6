package dev.llmmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmmon.alert.Alert;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.alert.Severity;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.demo.DemoSummary;
import dev.llmmon.demo.Incident;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.AggregationOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo week is one draw. The same replay over other seeds of the generator (same incidents, other noise)
 * says how much of "no alert outside the incidents" is the detection and how much is seed 42.
 *
 * <p>Measured over seeds 1–8 (docs/alerts.md): every incident found in every week; 4 alerts outside the incidents
 * in 8 weeks (2 p95 latency, 1 cost per request, 1 provider change; none CRITICAL), 0 in 5 of the weeks. The plan
 * (family ARL0 500 windows, about 138 monitored hours a week) predicts about 2.2 chart false alarms in 8 weeks;
 * the rest is Phase I estimation error on heavy-tailed hourly p95 and cost (docs/detectors.md).
 */
class DemoSeedsTest {
    @TempDir
    Path dir;

    record Replay(long seed, int alerts, List<Alert> outside, List<Incident> missed) {
    }

    Replay replay(long seed) throws IOException {
        Path out = dir.resolve("seed-" + seed);
        DemoSummary demo = DemoDataGenerator.write(out, DemoOptions.defaults().withSeed(seed));
        MonitorResult result = Monitor.run(MonitorConfig.of(out, List.of("requests.jsonl"))
                .withSignals(List.of("signals.jsonl"))
                .withJudgements(out.resolve("judgements.jsonl"))
                .withAggregation(AggregationOptions.hourly().withSlices(List.of("query_category", "prompt_version"))));
        var changes = DetectionJob.readChanges(out, List.of("changes.jsonl"), Rejections.strict());
        DetectionJob.Outcome outcome = DetectionJob.run(result,
                new DetectionJob.Options(DetectionPlan.defaults(), changes), out.resolve("llmmon"), List.of());
        List<Alert> outside = outcome.alerts().stream()
                .filter(a -> demo.incidents().stream().noneMatch(i -> DemoDetectionTest.explains(i, a))).toList();
        List<Incident> missed = demo.incidents().stream()
                .filter(i -> outcome.alerts().stream().noneMatch(a -> DemoDetectionTest.explains(i, a))).toList();
        return new Replay(seed, outcome.alerts().size(), outside, missed);
    }

    @Test
    void otherSeedsOfTheDemoWeek() throws IOException {
        int outsideTotal = 0;
        for (long seed = 1; seed <= Long.getLong("demoSeeds", 8); seed++) {
            Replay r = replay(seed);
            outsideTotal += r.outside().size();
            System.out.printf("demo seed %d: %d alerts, %d outside the incidents %s, missed %s%n", seed, r.alerts(),
                    r.outside().size(), r.outside().stream().map(a -> a.severity() + " " + a.feature() + "/"
                            + a.model() + "/" + a.metric() + "@" + a.windowStart() + " " + a.message()).toList(),
                    r.missed().stream().map(Incident::metric).toList());
            assertThat(r.missed()).as("seed %d", seed).isEmpty();
            assertThat(r.outside()).as("seed %d", seed).noneMatch(a -> a.severity() == Severity.CRITICAL).hasSizeLessThan(3);
        }
        System.out.println("outside in total: " + outsideTotal);
        assertThat(outsideTotal).isLessThanOrEqualTo(8); // at most one a week on average
    }
}
