package dev.llmmon.monitor;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.demo.DemoDataGenerator;
import dev.llmmon.demo.DemoOptions;
import dev.llmmon.demo.DemoSummary;
import dev.llmmon.demo.Incident;
import dev.llmmon.ingest.Rejections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the demo week through the default detection (EWMA calibrated as a family, first 30 windows as baseline)
 * and checks that each injected incident the logs can show is found, by the right kind of alert, soon after it
 * starts, and that no alert falls outside the incidents.
 */
class DemoDetectionTest {
    @TempDir
    static Path dir;
    static DemoSummary demo;
    static DetectionJob.Outcome outcome;
    static MonitorResult result;

    @BeforeAll
    static void replay() throws IOException {
        demo = DemoDataGenerator.write(dir, DemoOptions.defaults());
        result = Monitor.run(MonitorConfig.of(dir, List.of("requests.jsonl"))
                .withSignals(List.of("signals.jsonl"))
                .withJudgements(dir.resolve("judgements.jsonl"))
                .withAggregation(dev.llmmon.metrics.AggregationOptions.hourly()
                        .withSlices(List.of("query_category", "prompt_version"))));
        var changes = DetectionJob.readChanges(dir, List.of("changes.jsonl"), Rejections.strict());
        outcome = DetectionJob.run(result, new DetectionJob.Options(
                dev.llmmon.charting.DetectionPlan.defaults(), changes), dir.resolve("out"), List.of());
    }

    private static Incident incident(String metric) {
        return demo.incidents().stream().filter(i -> i.metric().equals(metric)).findFirst().orElseThrow();
    }

    /** An alert matching {@code what} that starts in [start − 1 h, start + within]. */
    private static List<Alert> found(Incident incident, Duration within, Predicate<Alert> what) {
        Instant from = incident.start().minus(Duration.ofHours(1));
        Instant to = incident.start().plus(within);
        return outcome.alerts().stream()
                .filter(what)
                .filter(a -> !a.windowStart().isBefore(from) && !a.windowStart().isAfter(to))
                .toList();
    }

    @Test
    void theErrorSpikeIsACriticalErrorRateAlertWithinTwoHours() {
        Incident spike = incident("error_rate");
        assertThat(found(spike, Duration.ofHours(2), a -> a.feature().equals(spike.featureId())
                && a.metric().equals("error_rate") && a.severity() == Severity.CRITICAL)).isNotEmpty();
    }

    @Test
    void theQualityDropShowsInUserSignalsAndJudgeScoresTheSameDay() {
        Incident drop = incident("user_signals");
        assertThat(found(drop, Duration.ofHours(16), a -> a.feature().equals(drop.featureId())
                && (a.metric().equals("abandonment_rate") || a.metric().equals("correction_rate")))).isNotEmpty();
        assertThat(found(drop, Duration.ofHours(16), a -> a.feature().equals(drop.featureId())
                && a.metric().startsWith("quality_"))).isNotEmpty();
    }

    @Test
    void theSilentProviderChangeIsInferredFromTheLogsAndItsLatencyRegressionCharted() {
        Incident change = incident("latency_p95");
        assertThat(found(change, Duration.ofHours(1), a -> a.kind() == AlertKind.PROVIDER_CHANGE
                && change.modelId().equals(a.model()))).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("system_fingerprint"))
                .satisfies(a -> assertThat(a.feature()).as("the feature that showed it").isEqualTo(change.featureId()));
        assertThat(found(change, Duration.ofHours(24), a -> a.metric().equals("latency_p95_ms")
                && a.feature().equals(change.featureId()) && change.modelId().equals(a.model()) && a.open()))
                .isNotEmpty();
    }

    @Test
    void thePromptChangeIsTokenBloatAndACostRise() {
        Incident bloat = incident("input_tokens");
        assertThat(found(bloat, Duration.ofHours(1), a -> a.kind() == AlertKind.TOKEN_BLOAT
                && a.feature().equals(bloat.featureId()))).isNotEmpty();
        assertThat(found(bloat, Duration.ofHours(12), a -> a.metric().equals("cost_per_request_usd")
                && a.feature().equals(bloat.featureId()))).isNotEmpty();
    }

    @Test
    void theBlackFridayQuestionsAreInputDriftInTheQueryMixOnTheirDayAndNotBefore() {
        Incident drift = incident("input_drift");
        Predicate<Alert> queryMix = a -> a.kind() == AlertKind.SLICE_DRIFT && a.feature().equals(drift.featureId())
                && a.metric().equals("slice_mix:query_category");
        assertThat(found(drift, Duration.ofHours(1), queryMix)).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("promotions"));
        assertThat(outcome.alerts()).filteredOn(queryMix).allMatch(a -> !a.windowStart().isBefore(drift.start()));
    }

    @Test
    void theCleanDaysRaiseNoCriticalAlertAndTheFeatureWithoutIncidentsNothingAboveMinor() {
        Instant firstIncident = demo.incidents().stream().map(Incident::start).min(Instant::compareTo).orElseThrow();
        assertThat(outcome.alerts()).noneMatch(a -> a.windowStart().isBefore(firstIncident)
                && a.severity() == Severity.CRITICAL);
        assertThat(outcome.alerts()).noneMatch(a -> a.feature().equals("code-review")
                && a.severity().atLeast(Severity.MAJOR));
    }

    /**
     * The incident an alert belongs to: same feature (a provider-change alert, which names a model and not a
     * feature, belongs to an incident on that model), same model when the incident names one, and an alert period
     * that overlaps the incident (from an hour before it starts).
     */
    static boolean explains(Incident incident, Alert a) {
        boolean sameFeature = a.feature().equals(incident.featureId())
                || a.kind() == AlertKind.PROVIDER_CHANGE && a.model().equals(incident.modelId());
        boolean sameModel = incident.modelId() == null || "*".equals(a.model())
                || incident.modelId().equals(a.model());
        return sameFeature && sameModel && a.windowStart().isBefore(incident.end())
                && a.windowEnd().isAfter(incident.start().minus(Duration.ofHours(1)));
    }

    @Test
    void everyAlertBelongsToAnInjectedIncident() {
        List<Alert> unexplained = outcome.alerts().stream()
                .filter(a -> demo.incidents().stream().noneMatch(i -> explains(i, a))).toList();
        unexplained.forEach(a -> System.out.printf("not an incident: %s %s %s %s %s %s %.1f%n", a.kind(),
                a.severity(), a.feature(), a.model(), a.metric(), a.windowStart(), a.deviation()));
        System.out.printf("demo replay: %d alerts, %d outside the incidents%n", outcome.alerts().size(),
                unexplained.size());
        assertThat(unexplained).isEmpty();
    }

    @Test
    void tokenCountsAndFinishReasonsDriftWhereTheIncidentsChangedThem() {
        outcome.alerts().stream().filter(a -> a.kind() == AlertKind.COLUMN_DRIFT)
                .forEach(a -> System.out.println("column drift: " + a.message()));
        Incident bloat = incident("input_tokens");
        assertThat(outcome.alerts()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.COLUMN_DRIFT);
            assertThat(a.feature()).isEqualTo(bloat.featureId());
            assertThat(a.metric()).isEqualTo("input_tokens");
            assertThat(a.windowStart()).isEqualTo(bloat.start().truncatedTo(java.time.temporal.ChronoUnit.DAYS));
            // the daily alert also places the change within its day, from the hourly windows
            assertThat(a.firstEvidence()).isBetween(bloat.start().minus(Duration.ofHours(1)),
                    bloat.start().plus(Duration.ofHours(1)));
        });
        Incident spike = incident("error_rate");
        assertThat(outcome.alerts()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.COLUMN_DRIFT);
            assertThat(a.feature()).isEqualTo(spike.featureId());
            assertThat(a.metric()).isEqualTo("finish_reason_mix");
            assertThat(a.message()).contains("most grown: error");
        });
    }

    @Test
    void everyAlertIsInAlertsJson() throws IOException {
        String json = Files.readString(dir.resolve("out/alerts.json"));
        outcome.alerts().forEach(a -> assertThat(json).contains(a.id()));
    }
}
