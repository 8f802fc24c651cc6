package dev.llmmon.metrics;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.record.SignalType;
import dev.llmmon.record.UserSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.llmmon.metrics.Records.T0;
import static dev.llmmon.metrics.Records.record;
import static dev.llmmon.metrics.Records.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowAggregationTest {
    private static final AggregationOptions HOURLY = AggregationOptions.hourly();

    private static WindowMetrics only(WindowAggregation agg, String model) {
        return agg.metrics().stream().filter(w -> w.modelId().equals(model) && !w.key().isSliced())
                .reduce((a, b) -> {
                    throw new AssertionError("more than one row for " + model);
                }).orElseThrow();
    }

    /** The reference rule: sorted[min(n-1, floor(n*p/100))]. */
    private static double nearestRank(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100))];
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 99, 100, 101})
    void percentilesFollowTheNearestRankRule(int n) {
        WindowAggregation agg = new WindowAggregation(HOURLY, PricingTable.empty());
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            // latencies 10, 20, ... added in a shuffled order
            values[i] = 10.0 * (i + 1);
        }
        List<Double> shuffled = new ArrayList<>();
        for (double v : values) {
            shuffled.add(v);
        }
        java.util.Collections.shuffle(shuffled, new java.util.Random(n));
        for (int i = 0; i < n; i++) {
            agg.accept(record("r" + i, T0.plusSeconds(i), "f", "m", shuffled.get(i)));
        }
        WindowMetrics w = only(agg, "m");
        assertThat(w.latencyP50Ms()).isEqualTo(nearestRank(values, 50));
        assertThat(w.latencyP95Ms()).isEqualTo(nearestRank(values, 95));
        assertThat(w.latencyP99Ms()).isEqualTo(nearestRank(values, 99));
    }

    @Test
    void handComputedValuesOnASmallWindow() {
        WindowAggregation agg = new WindowAggregation(HOURLY, PricingTable.empty());
        agg.accept(record("a", T0, "chat", "m", 100));
        agg.accept(with(record("b", T0.plusSeconds(10), "chat", "m", 300), FinishReason.ERROR, "Timeout", 0.003, Map.of()));
        agg.accept(with(record("c", T0.plusSeconds(20), "chat", "m", 200), FinishReason.REFUSAL, null, null, Map.of()));
        agg.accept(record("d", T0.plusSeconds(30), "chat", "m", 400));
        WindowMetrics w = only(agg, "m");
        assertThat(w.requests()).isEqualTo(4);
        assertThat(w.errorRate()).isEqualTo(0.25);
        assertThat(w.refusalRate()).isEqualTo(0.25);
        // sorted 100,200,300,400: p50 -> index 2, p95 -> index 3
        assertThat(w.latencyP50Ms()).isEqualTo(300);
        assertThat(w.latencyP95Ms()).isEqualTo(400);
        // costs 0.001 + 0.003 + 0.001 known, one unknown (no cost, no price)
        assertThat(w.costTotalUsd()).isCloseTo(0.005, within(1e-12));
        assertThat(w.costPerRequestUsd()).isCloseTo(0.005 / 3, within(1e-12));
        assertThat(w.costUnknownRequests()).isEqualTo(1);
        assertThat(w.meanInputTokens()).isEqualTo(100);
        assertThat(w.meanOutputTokens()).isEqualTo(50);
        assertThat(w.signals()).isNull();
        assertThat(w.windowStart()).isEqualTo(T0);
        assertThat(w.windowEnd()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void windowsAreAlignedToUtcAndSeparateFeaturesAndModels() {
        WindowAggregation agg = new WindowAggregation(HOURLY.withWindow(WindowSize.parse("5m")), PricingTable.empty());
        agg.accept(record("a", Instant.parse("2026-11-20T10:04:59.999Z"), "chat", "m1", 1));
        agg.accept(record("b", Instant.parse("2026-11-20T10:05:00Z"), "chat", "m1", 1));
        agg.accept(record("c", Instant.parse("2026-11-20T10:06:00Z"), "chat", "m2", 1));
        agg.accept(record("d", Instant.parse("2026-11-20T10:06:00Z"), "sum", "m2", 1));
        List<WindowMetrics> rows = agg.metrics();
        assertThat(rows).extracting(w -> w.windowStart() + " " + w.featureId() + " " + w.modelId() + " " + w.requests())
                .containsExactly(
                        "2026-11-20T10:00:00Z chat m1 1",
                        "2026-11-20T10:00:00Z chat * 1",
                        "2026-11-20T10:05:00Z chat m1 1",
                        "2026-11-20T10:05:00Z chat m2 1",
                        "2026-11-20T10:05:00Z chat * 2",
                        "2026-11-20T10:05:00Z sum m2 1",
                        "2026-11-20T10:05:00Z sum * 1");
    }

    @Test
    void metadataSlicesGiveExtraRowsIncludingRecordsWithoutTheKey() {
        WindowAggregation agg = new WindowAggregation(HOURLY.withSlices(List.of("prompt_version")), PricingTable.empty());
        agg.accept(with(record("a", T0, "chat", "m", 1), FinishReason.END_TURN, null, 0.0, Map.of("prompt_version", "v1")));
        agg.accept(with(record("b", T0, "chat", "m", 1), FinishReason.ERROR, "x", 0.0, Map.of("prompt_version", "v2")));
        agg.accept(with(record("c", T0, "chat", "m", 1), FinishReason.ERROR, "x", 0.0, Map.of()));
        List<WindowMetrics> sliced = agg.metrics().stream()
                .filter(w -> w.key().isSliced() && !w.key().isRollup()).toList();
        assertThat(sliced).extracting(w -> w.key().sliceValue() + "=" + w.errorRate())
                .containsExactly("(none)=1.0", "v1=0.0", "v2=1.0");
        assertThat(only(agg, "m").requests()).isEqualTo(3);
    }

    @Test
    void pricingTableFillsMissingCostsButLoggedCostWins() {
        PricingTable prices = PricingTable.of(Map.of("gpt-4o", new PricingTable.Price(2.5, 10)));
        WindowAggregation agg = new WindowAggregation(HOURLY, prices);
        agg.accept(with(record("a", T0, "chat", "gpt-4o-2024-08-06", 1), FinishReason.END_TURN, null, null, Map.of()));
        agg.accept(with(record("b", T0, "chat", "gpt-4o-2024-08-06", 1), FinishReason.END_TURN, null, 1.0, Map.of()));
        WindowMetrics w = only(agg, "gpt-4o-2024-08-06");
        // 100 input * 2.5/1M + 50 output * 10/1M = 0.00075
        assertThat(w.costTotalUsd()).isCloseTo(1.00075, within(1e-12));
        assertThat(w.costUnknownRequests()).isZero();
    }

    @Test
    void userSignalsPerRequestWithSurvivorshipWarning() {
        SignalIndex signals = new SignalIndex();
        // 10 requests: 4 abandoned, 2 explicit (both positive), 1 correction, 1 follow-up, 1 retry
        for (String id : List.of("r0", "r1", "r2", "r3")) {
            signals.add(new UserSignal(id, null, SignalType.ABANDONED, T0, null));
        }
        signals.add(new UserSignal("r4", null, SignalType.THUMBS_UP, T0, null));
        signals.add(new UserSignal("r5", null, SignalType.THUMBS_UP, T0, null));
        signals.add(new UserSignal("r5", null, SignalType.FOLLOW_UP, T0, null));
        signals.add(new UserSignal("r6", null, SignalType.CORRECTION, T0, null));
        signals.add(new UserSignal("r7", null, SignalType.RETRY, T0, null));
        signals.add(new UserSignal("unknown-request", null, SignalType.THUMBS_DOWN, T0, null));
        WindowAggregation agg = new WindowAggregation(HOURLY, PricingTable.empty());
        for (int i = 0; i < 10; i++) {
            agg.add(record("r" + i, T0.plusSeconds(i), "chat", "m", 1), signals);
        }
        WindowMetrics.UserSignalMetrics s = only(agg, "m").signals();
        assertThat(s.explicitFeedback()).isEqualTo(2);
        assertThat(s.explicitPositiveRate()).isEqualTo(1.0);
        assertThat(s.feedbackCoverage()).isEqualTo(0.2);
        assertThat(s.abandonmentRate()).isEqualTo(0.4);
        assertThat(s.correctionRate()).isEqualTo(0.1);
        assertThat(s.followUpRate()).isEqualTo(0.1);
        assertThat(s.retryRate()).isEqualTo(0.1);
        assertThat(s.survivorshipRisk()).isTrue();
        assertThat(signals.orphaned()).isEqualTo(1);
    }

    @Test
    void survivorshipRuleIsConfigurable() {
        SignalIndex signals = new SignalIndex();
        signals.add(new UserSignal("r0", null, SignalType.ABANDONED, T0, null));
        signals.add(new UserSignal("r1", null, SignalType.THUMBS_UP, T0, null));
        AggregationOptions strictRule = new AggregationOptions(WindowSize.parse("1h"), List.of(), false, 0.01,
                new SurvivorshipRule(0.6, 0.8));
        WindowAggregation agg = new WindowAggregation(strictRule, PricingTable.empty());
        for (int i = 0; i < 2; i++) {
            agg.add(record("r" + i, T0, "chat", "m", 1), signals);
        }
        // abandonment 0.5 is not above 0.6
        assertThat(only(agg, "m").signals().survivorshipRisk()).isFalse();
    }

    private static List<RequestRecord> randomRecords(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<RequestRecord> out = new ArrayList<>();
        String[] features = {"chat", "summarize", "extract"};
        String[] models = {"gpt-4o-2024-08-06", "claude-haiku-4-5-20251001"};
        for (int i = 0; i < n; i++) {
            RequestRecord r = record("r" + i, T0.plusSeconds(rnd.nextLong(3 * 86400)),
                    features[rnd.nextInt(3)], models[rnd.nextInt(2)], Math.exp(6 + rnd.nextDouble() * 2));
            double u = rnd.nextDouble();
            FinishReason finish = u < 0.05 ? FinishReason.ERROR : u < 0.08 ? FinishReason.REFUSAL : FinishReason.END_TURN;
            out.add(with(r, finish, finish == FinishReason.ERROR ? "boom" : null,
                    rnd.nextDouble() < 0.1 ? null : rnd.nextDouble() / 100,
                    Map.of("prompt_version", "v" + rnd.nextInt(3))));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void mergingPartialsEqualsTheWholeInput(boolean sketch) {
        AggregationOptions options = HOURLY.withSlices(List.of("prompt_version")).withSketch(sketch);
        PricingTable prices = PricingTable.defaults();
        List<RequestRecord> records = randomRecords(20_000, 7);
        WindowAggregation whole = new WindowAggregation(options, prices);
        records.forEach(whole::accept);
        WindowAggregation merged = new WindowAggregation(options, prices);
        for (int part = 0; part < 4; part++) {
            WindowAggregation partial = new WindowAggregation(options, prices);
            // interleaved partitions, as different threads or machines would see them
            for (int i = part; i < records.size(); i += 4) {
                partial.accept(records.get(i));
            }
            merged.merge(partial);
        }
        assertThat(merged.metrics()).isEqualTo(whole.metrics());
    }

    @Test
    void sketchPercentilesAreWithinTheStatedRelativeError() {
        double accuracy = 0.01;
        WindowAggregation exact = new WindowAggregation(HOURLY.withWindow(WindowSize.parse("1d")), PricingTable.empty());
        WindowAggregation sketch = new WindowAggregation(
                HOURLY.withWindow(WindowSize.parse("1d")).withSketch(true), PricingTable.empty());
        SplittableRandom rnd = new SplittableRandom(11);
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // heavy-tailed: lognormal body with a Pareto tail
            double latency = rnd.nextDouble() < 0.02 ? 2000 / Math.pow(rnd.nextDouble(), 1 / 1.5)
                    : Math.exp(6.5 + 0.6 * gaussian(rnd));
            RequestRecord r = record("r" + i, T0.plusSeconds(i % 3600), "f", "m", latency);
            exact.accept(r);
            sketch.accept(r);
            all.add(latency);
        }
        all.sort(null);
        WindowMetrics s = only(sketch, "m");
        for (double[] pq : new double[][] {{50, s.latencyP50Ms()}, {95, s.latencyP95Ms()}, {99, s.latencyP99Ms()}}) {
            // DDSketch guarantees: the answer is within the relative accuracy of the value of rank q*(n-1)
            double truth = all.get((int) Math.floor(pq[0] / 100 * (all.size() - 1)));
            assertThat(Math.abs(pq[1] - truth) / truth).as("p%s", pq[0]).isLessThanOrEqualTo(accuracy);
        }
        // and it stays close to the exact nearest-rank answer the exact mode gives
        assertThat(s.latencyP95Ms()).isCloseTo(only(exact, "m").latencyP95Ms(),
                within(only(exact, "m").latencyP95Ms() * 0.011));
    }

    @Test
    void sketchModeMemoryIsBoundedByWindowsNotRecords() {
        WindowAggregation agg = new WindowAggregation(HOURLY.withSketch(true), PricingTable.empty());
        for (int i = 0; i < 100_000; i++) {
            agg.accept(record("r" + i, T0.plusSeconds(i % 7200), "f", "m", 1 + i % 5000));
        }
        // two hourly windows, one feature, one model: two groups whatever the record count
        assertThat(agg.groupCount()).isEqualTo(2);
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void embeddingsAreTheirOwnOperationSliceNotPartOfTheChatRows() {
        WindowAggregation agg = new WindowAggregation(HOURLY, PricingTable.empty());
        agg.accept(record("c1", T0, "f", "m", 1000));
        agg.accept(record("c2", T0.plusSeconds(1), "f", "m", 3000));
        agg.accept(new RequestRecord("e1", T0.plusSeconds(2), "f", "m", 20, 8, 0, 0.001, FinishReason.END_TURN, null,
                null, null, null, null, Map.of(GroupKey.OPERATION_SLICE, "embeddings")));
        List<WindowMetrics> unsliced = agg.metrics().stream().filter(w -> !w.key().isSliced()).toList();
        // the chat rows (per model and the feature roll-up) hold the two chat calls only
        assertThat(unsliced).isNotEmpty().allSatisfy(w -> {
            assertThat(w.requests()).isEqualTo(2);
            assertThat(w.meanOutputTokens()).isEqualTo(50);
            assertThat(w.latencyP50Ms()).isEqualTo(3000); // nearest rank of {1000, 3000}; with the embedding: 1000
        });
        List<WindowMetrics> embeddings = agg.metrics().stream()
                .filter(w -> "operation".equals(w.key().sliceKey()) && "embeddings".equals(w.key().sliceValue()))
                .toList();
        assertThat(embeddings).isNotEmpty().allSatisfy(w -> {
            assertThat(w.requests()).isEqualTo(1);
            assertThat(w.meanOutputTokens()).isZero();
            assertThat(w.latencyP50Ms()).isEqualTo(20);
        });
    }

    @Test
    void slicingByOperationDoesNotCountEmbeddingsTwice() {
        WindowAggregation agg = new WindowAggregation(HOURLY.withSlices(List.of("operation")), PricingTable.empty());
        agg.accept(record("c1", T0, "f", "m", 1000));
        agg.accept(with(record("e1", T0.plusSeconds(2), "f", "m", 20), FinishReason.END_TURN, null, 0.001,
                Map.of(GroupKey.OPERATION_SLICE, "embeddings")));
        assertThat(agg.metrics().stream().filter(w -> !w.key().isRollup() && w.key().isSliced())
                .map(w -> w.key().sliceValue() + "=" + w.requests()))
                .containsExactlyInAnyOrder(GroupKey.MISSING_SLICE + "=1", "embeddings=1");
    }
}
