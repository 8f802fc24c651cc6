package dev.llmmon.state;

import dev.llmmon.drift.DailyColumns;
import dev.llmmon.drift.InputDrift;
import dev.llmmon.drift.ProviderBehaviour;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.metrics.SurvivorshipRule;
import dev.llmmon.metrics.WindowSize;
import dev.llmmon.monitor.DetectionJob;
import dev.llmmon.monitor.Detectors;
import dev.llmmon.monitor.RunCollector;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Detector;
import dev.llmmon.spi.Embedder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a Spark job relies on: partial run states written on one side, read on the other and merged in order give
 * the state of the whole input, for every built-in collector, in exact and sketch mode.
 */
class StateCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static List<RequestRecord> records() {
        Random random = new Random(23);
        List<RequestRecord> out = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            for (int i = 0; i < 300; i++) {
                Instant t = T0.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
                String feature = i % 3 == 0 ? "extract" : "support-chat";
                String model = day >= 6 && feature.equals("extract") ? "gpt-4.1" : "gpt-4o";
                FinishReason finish = random.nextDouble() < 0.03 ? FinishReason.ERROR
                        : random.nextDouble() < 0.02 ? FinishReason.REFUSAL : FinishReason.END_TURN;
                out.add(new RequestRecord("r" + day + "-" + i, t, feature, model, 300 + random.nextInt(900),
                        400 + random.nextInt(200), 150 + random.nextInt(200), random.nextDouble() < 0.1 ? null : 0.001,
                        finish, finish == FinishReason.ERROR ? "Timeout" : null, null,
                        "question " + random.nextInt(50), random.nextBoolean() ? "{\"ok\":true}" : "fine",
                        day >= 7 ? "fp_b" : "fp_a", Map.of("prompt_version", "v" + (day / 4))));
            }
        }
        out.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        return out;
    }

    private static List<Detector<?>> detectors() {
        return Detectors.standard(DetectionJob.Options.defaults()
                .withInputDrift(InputDrift.Plan.defaults(), new LengthEmbedder()));
    }

    /** The whole input in one collector, and four parts each encoded, decoded and merged in order. */
    private static List<RunCollector> wholeAndShipped(AggregationOptions options) {
        PricingTable pricing = PricingTable.defaults();
        SignalIndex signals = new SignalIndex();
        List<Object> externals = List.of(pricing, signals, options);
        Supplier<RunCollector> fresh = () -> new RunCollector(options, pricing, signals, detectors());
        List<RequestRecord> records = records();
        RunCollector whole = fresh.get();
        records.forEach(whole::accept);
        int[] cuts = {0, 700, 701, 2_000};
        RunCollector merged = null;
        for (int p = 0; p < cuts.length; p++) {
            RunCollector part = fresh.get();
            records.subList(cuts[p], p + 1 < cuts.length ? cuts[p + 1] : records.size()).forEach(part::accept);
            byte[] bytes = StateCodec.encode(part, externals);
            RunCollector back = StateCodec.decode(bytes, RunCollector.class, externals);
            if (merged == null) {
                merged = back;
            } else {
                merged.merge(back);
            }
        }
        return List.of(whole, merged);
    }

    @Test
    void shippedPartsMergeToTheWholeInExactMode() {
        AggregationOptions options = new AggregationOptions(WindowSize.parse("1h"), List.of("prompt_version"), false,
                0.01, SurvivorshipRule.DEFAULT);
        assertSameState(wholeAndShipped(options));
    }

    @Test
    void shippedPartsMergeToTheWholeInSketchMode() {
        AggregationOptions options = new AggregationOptions(WindowSize.parse("1h"), List.of(), true, 0.01,
                SurvivorshipRule.DEFAULT);
        assertSameState(wholeAndShipped(options));
    }

    private static void assertSameState(List<RunCollector> states) {
        RunCollector whole = states.get(0);
        RunCollector merged = states.get(1);
        assertThat(merged.windows().metrics()).isEqualTo(whole.windows().metrics()).isNotEmpty();
        assertThat(((DailyColumns) merged.states().get(DailyColumns.class)).columns())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(((DailyColumns) whole.states().get(DailyColumns.class)).columns());
        assertThat(((ProviderBehaviour) merged.states().get(ProviderBehaviour.class)).suspectedChanges(7, 100))
                .isEqualTo(((ProviderBehaviour) whole.states().get(ProviderBehaviour.class)).suspectedChanges(7, 100))
                .isNotEmpty();
        assertThat(((InputDrift) merged.states().get(InputDrift.class)).detect(new LengthEmbedder()).checks())
                .isEqualTo(((InputDrift) whole.states().get(InputDrift.class)).detect(new LengthEmbedder()).checks())
                .isNotEmpty();
    }

    @Test
    void rejectionsTravelWithCountsExamplesAndNotes() {
        Rejections rejections = Rejections.lenient();
        for (int i = 1; i <= 7; i++) {
            rejections.reject(RejectReason.MALFORMED_LINE, "a.jsonl", i, null, "bad line " + i);
        }
        rejections.skip("span gen_ai.operation.name=tool");
        rejections.blankLine();
        rejections.note("b.jsonl", "no request records from 3 line(s)");
        Rejections back = StateCodec.decode(StateCodec.encode(rejections, List.of()), Rejections.class, List.of());
        assertThat(back.counts()).isEqualTo(rejections.counts());
        assertThat(back.examples()).isEqualTo(rejections.examples()).hasSize(Rejections.EXAMPLES_PER_REASON);
        assertThat(back.skipped()).isEqualTo(rejections.skipped());
        assertThat(back.notes()).isEqualTo(rejections.notes());
        assertThat(back.blankLines()).isEqualTo(1);
        back.reject(RejectReason.MALFORMED_LINE, "a.jsonl", 8, null, "still counting");
        assertThat(back.count(RejectReason.MALFORMED_LINE)).isEqualTo(8);
    }

    @Test
    void emptyRejectionsTravelToo() {
        Rejections back = StateCodec.decode(StateCodec.encode(Rejections.lenient(), List.of()), Rejections.class,
                List.of());
        assertThat(back.total()).isZero();
        back.reject(RejectReason.MISSING_FIELD, "a.jsonl", 3, "feature_id", "required field feature_id is missing");
        assertThat(back.count(RejectReason.MISSING_FIELD)).isEqualTo(1);
    }

    @Test
    void externalsAreReferredToNotCopied() {
        PricingTable pricing = PricingTable.defaults();
        List<Object> holder = new ArrayList<>(List.of(pricing));
        Object back = StateCodec.decode(StateCodec.encode(holder, List.of(pricing)), List.class, List.of(pricing));
        assertThat(((List<?>) back).get(0)).isSameAs(pricing);
    }

    @Test
    void aLambdaInAStateIsRefusedWithItsPath() {
        Holder holder = new Holder();
        assertThatThrownBy(() -> StateCodec.encode(holder, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state.task").hasMessageContaining("lambda");
    }

    private static final class Holder {
        final Runnable task = () -> { };
    }

    /** A deterministic stand-in for an embedding model. */
    private static final class LengthEmbedder implements Embedder {
        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> new float[] {t.length(), t.charAt(t.length() - 1), 1}).toList();
        }

        @Override
        public String model() {
            return "length";
        }

        @Override
        public void close() {
        }
    }
}
