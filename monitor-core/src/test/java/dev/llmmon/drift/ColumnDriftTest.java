package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnDriftTest {
    private static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z");

    /** {@code perDay} requests a day for {@code days} days; from {@code changeDay} on input tokens ×{@code factor}. */
    private static List<RequestRecord> days(long seed, int days, int perDay, int changeDay, double factor,
            double errorShareOnChangeDay) {
        Random random = new Random(seed);
        List<RequestRecord> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                Instant t = DAY0.plus(Duration.ofDays(d)).plusSeconds(random.nextInt(86_400));
                double scale = d >= changeDay ? factor : 1;
                long input = Math.round(800 * scale * Math.exp(0.4 * random.nextGaussian()));
                long output = Math.round(200 * Math.exp(0.5 * random.nextGaussian()));
                boolean error = d == changeDay && random.nextDouble() < errorShareOnChangeDay
                        || random.nextDouble() < 0.01;
                out.add(new RequestRecord("req-" + d + "-" + i, t, "summarize", "gpt-4o-mini", 900, error ? 0 : input,
                        error ? 0 : output, null, error ? FinishReason.ERROR : FinishReason.END_TURN, null, null, null,
                        null, null, Map.of()));
            }
        }
        return out;
    }

    private static DailyColumns accumulate(List<RequestRecord> records) {
        DailyColumns columns = new DailyColumns();
        records.forEach(columns::accept);
        return columns;
    }

    @Test
    void theSampleDoesNotDependOnOrderOrOnHowTheReadersSplitTheWork() {
        List<RequestRecord> records = days(1, 3, 3000, 99, 1, 0);
        DailyColumns whole = accumulate(records);
        List<RequestRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(2));
        DailyColumns a = accumulate(shuffled.subList(0, 4000));
        a.merge(accumulate(shuffled.subList(4000, shuffled.size())));
        List<DailyColumns.Column> expected = whole.columns();
        List<DailyColumns.Column> merged = a.columns();
        assertThat(merged).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(merged.get(i).inputTokens()).containsExactly(expected.get(i).inputTokens());
            assertThat(merged.get(i).outputTokens()).containsExactly(expected.get(i).outputTokens());
            assertThat(merged.get(i).finishReasons()).isEqualTo(expected.get(i).finishReasons());
        }
        assertThat(expected.get(0).inputTokens()).hasSize(DailyColumns.SAMPLE); // capped, 3000 requests a day
        assertThat(expected.get(0).finishReasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3000);
    }

    @Test
    void aDoublingOfInputTokensAndAnErrorBurstDriftAndNothingElseDoes() {
        // days 0-1 reference, day 4 on: input tokens x1.9; day 4 also 20 % errors
        ColumnDrift.Result result = ColumnDrift.detect(accumulate(days(3, 7, 800, 4, 1.9, 0.2)).columns(), 2);
        assertThat(result.alerts()).extracting(Alert::metric)
                .containsExactlyInAnyOrder("input_tokens", "finish_reason_mix");
        Alert tokens = result.alerts().stream().filter(a -> a.metric().equals("input_tokens")).findFirst().orElseThrow();
        assertThat(tokens.windowStart()).isEqualTo(DAY0.plus(Duration.ofDays(4)));
        assertThat(tokens.open()).isTrue();
        assertThat(tokens.message()).contains("wasserstein_normed").contains("ks p =");
        Alert mix = result.alerts().stream().filter(a -> a.metric().equals("finish_reason_mix")).findFirst().orElseThrow();
        assertThat(mix.message()).contains("most grown: error");
        assertThat(mix.closedAt()).isEqualTo(DAY0.plus(Duration.ofDays(5)));
        // 5 monitored days x 3 columns, Bonferroni
        assertThat(result.checks()).hasSize(15);
        assertThat(result.alpha()).isEqualTo(0.05 / 15);
    }

    @Test
    void withoutAChangeFewWeeksAlarm() {
        // the same distribution throughout: 200 simulated weeks of a small feature (60 requests a day) and of a
        // busy one (800), 15 checks a week each. Bonferroni bounds the weeks with any alarm at 5 %.
        int runs = 200;
        int small = 0;
        int busy = 0;
        int noisyDistances = 0;
        for (long seed = 100; seed < 100 + runs; seed++) {
            ColumnDrift.Result s = ColumnDrift.detect(accumulate(days(seed, 7, 60, 99, 1, 0)).columns(), 2);
            small += s.alerts().isEmpty() ? 0 : 1;
            noisyDistances += (int) s.checks().stream().filter(c -> c.distance().drift()).count();
            busy += ColumnDrift.detect(accumulate(days(seed, 7, 800, 99, 1, 0)).columns(), 2).alerts().isEmpty() ? 0 : 1;
        }
        System.out.printf("weeks with a column-drift alarm and no change: %d/%d small, %d/%d busy; distance >= 0.1 "
                + "in %d of %d small checks%n", small, runs, busy, runs, noisyDistances, runs * 15);
        assertThat(small).isLessThanOrEqualTo(runs / 10);
        assertThat(busy).isLessThanOrEqualTo(runs / 10);
        assertThat(noisyDistances).isGreaterThan(runs); // the distance alone would alarm most small weeks
    }
}
