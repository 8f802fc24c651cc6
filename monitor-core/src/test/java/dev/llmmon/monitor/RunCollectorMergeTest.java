package dev.llmmon.monitor;

import dev.llmmon.spi.Embedder;
import dev.llmmon.drift.DailyColumns;
import dev.llmmon.drift.InputDrift;
import dev.llmmon.drift.ProviderBehaviour;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;
import dev.llmmon.spi.Detector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract a partitioned run (reader threads, Spark partitions) relies on: for every collector, the parts
 * merged give the state of the whole input (the window aggregation's own merge is tested in WindowAggregationTest, and
 * here inside the run collector).
 */
class RunCollectorMergeTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** A fortnight of two features on two models, some errors and refusals, a model change on day 9. */
    private static List<RequestRecord> records() {
        Random random = new Random(17);
        List<RequestRecord> out = new ArrayList<>();
        for (int day = 0; day < 14; day++) {
            for (int i = 0; i < 400; i++) {
                Instant t = T0.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
                String feature = i % 3 == 0 ? "extract" : "support-chat";
                String model = day >= 9 && feature.equals("extract") ? "gpt-4.1" : "gpt-4o";
                FinishReason finish = random.nextDouble() < 0.03 ? FinishReason.ERROR
                        : random.nextDouble() < 0.02 ? FinishReason.REFUSAL : FinishReason.END_TURN;
                long outputTokens = Math.round((day >= 9 ? 320 : 200) * Math.exp(0.3 * random.nextGaussian()));
                out.add(new RequestRecord("r" + day + "-" + i, t, feature, model, 300 + random.nextInt(900),
                        400 + random.nextInt(200), outputTokens, random.nextDouble() < 0.1 ? null : 0.001,
                        finish, finish == FinishReason.ERROR ? "Timeout" : null, null,
                        "question " + random.nextInt(50), random.nextBoolean() ? "{\"ok\":true}" : "fine",
                        day >= 11 ? "fp_b" : "fp_a", Map.of()));
            }
        }
        out.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        return out;
    }

    /** The whole input in one collector, and the same input in contiguous parts merged in order. */
    private static <C extends Collector<C>> List<C> wholeAndMerged(Supplier<C> fresh) {
        List<RequestRecord> records = records();
        C whole = fresh.get();
        records.forEach(whole::accept);
        int[] cuts = {0, 1_000, 1_001, 3_300, 5_600};
        C merged = fresh.get();
        for (int p = 0; p < cuts.length; p++) {
            C part = fresh.get();
            records.subList(cuts[p], p + 1 < cuts.length ? cuts[p + 1] : records.size()).forEach(part::accept);
            merged.merge(part);
        }
        return List.of(whole, merged);
    }

    @Test
    void dailyColumnsMergeToTheWhole() {
        List<DailyColumns> states = wholeAndMerged(DailyColumns::new);
        assertThat(states.get(1).columns()).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(states.get(0).columns()).hasSize(28);
    }

    @Test
    void chartDetailMergesToTheWhole() {
        List<dev.llmmon.charting.WindowDetail> states = wholeAndMerged(dev.llmmon.charting.WindowDetail::new);
        assertThat(states.get(1)).isEqualTo(states.get(0)).isNotEqualTo(new dev.llmmon.charting.WindowDetail());
    }

    @Test
    void providerBehaviourMergesToTheWhole() {
        List<ProviderBehaviour> states = wholeAndMerged(() -> new ProviderBehaviour(Duration.ofDays(1)));
        assertThat(states.get(1).suspectedChanges(7, 100)).isEqualTo(states.get(0).suspectedChanges(7, 100))
                .isNotEmpty();
    }

    @Test
    void inputSamplesMergeToTheWhole() {
        InputDrift.Plan plan = new InputDrift.Plan(0.5, 40, 2, 0.005, 99);
        List<InputDrift> states = wholeAndMerged(() -> new InputDrift(plan));
        assertThat(states.get(1).detect(new LengthEmbedder()).checks())
                .isEqualTo(states.get(0).detect(new LengthEmbedder()).checks()).isNotEmpty();
    }

    @Test
    void theRunCollectorMergesEveryDetectorsState() {
        List<Detector<?>> detectors = Detectors.standard(DetectionJob.Options.defaults()
                .withInputDrift(InputDrift.Plan.defaults(), new LengthEmbedder()));
        List<RunCollector> states = wholeAndMerged(() -> new RunCollector(AggregationOptions.hourly(),
                PricingTable.defaults(), new SignalIndex(), detectors));
        RunCollector whole = states.get(0);
        RunCollector merged = states.get(1);
        assertThat(merged.states().keySet()).containsExactlyInAnyOrderElementsOf(whole.states().keySet())
                .contains(DailyColumns.class, ProviderBehaviour.class, InputDrift.class);
        assertThat(merged.windows().metrics()).isEqualTo(whole.windows().metrics());
        assertThat(((DailyColumns) merged.states().get(DailyColumns.class)).columns())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(((DailyColumns) whole.states().get(DailyColumns.class)).columns());
        assertThat(((ProviderBehaviour) merged.states().get(ProviderBehaviour.class)).suspectedChanges(7, 100))
                .isEqualTo(((ProviderBehaviour) whole.states().get(ProviderBehaviour.class)).suspectedChanges(7, 100));
        assertThat(((InputDrift) merged.states().get(InputDrift.class)).detect(new LengthEmbedder()).checks())
                .isEqualTo(((InputDrift) whole.states().get(InputDrift.class)).detect(new LengthEmbedder()).checks());
    }

    /** A deterministic stand-in for an embedding model: the text's length and its last character. */
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
