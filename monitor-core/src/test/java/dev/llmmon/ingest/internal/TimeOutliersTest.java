package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.record.FinishReason;
import dev.llmmon.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOutliersTest {
    private static final Instant T0 = Instant.parse("2026-11-16T00:00:00Z");

    private final List<String> delivered = new ArrayList<>();
    private final Rejections rejections = Rejections.lenient();
    private final TimeOutliers guard = new TimeOutliers(r -> delivered.add(r.requestId()));
    private long line;

    private void add(String id, Instant t) {
        guard.accept(new RequestRecord(id, t, "f", "m", 1, 1, 1, null, FinishReason.END_TURN, null, null, null, null,
                null, Map.of()), "requests.jsonl", ++line);
    }

    /** n records spread evenly over the days, in time order. */
    private void spread(int n, int days) {
        for (int i = 0; i < n; i++) {
            add("r" + i, T0.plusSeconds((long) i * days * 86_400 / n));
        }
    }

    @Test
    void aStrayLineAYearBeforeAWeekOfDataIsRejectedWithItsLine() {
        spread(500, 7);
        add("stray-2025", Instant.parse("2025-11-20T10:00:00Z"));
        spread(500, 7);
        add("stray-later", T0.plus(java.time.Duration.ofDays(30)));
        assertThat(guard.finish(rejections)).isEqualTo(2);
        assertThat(delivered).hasSize(1000).doesNotContain("stray-2025", "stray-later");
        List<Rejection> examples = rejections.examples(RejectReason.BAD_TIMESTAMP);
        assertThat(examples).extracting(Rejection::line).containsExactly(501L, 1002L);
        assertThat(examples.get(0).message()).startsWith("timestamp 2025-11-20T10:00:00Z is far from the bulk of the data")
                .contains("2026-11-17");
    }

    @Test
    void aWeekAndItsEdgesAreKept() {
        spread(2_000, 7);
        add("next-day", T0.plus(java.time.Duration.ofDays(8)));
        add("day-before", T0.minus(java.time.Duration.ofDays(1)));
        assertThat(guard.finish(rejections)).isZero();
        assertThat(delivered).hasSize(2_002);
    }

    @Test
    void sparseRecordsOverAYearAreNotOutliers() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 60; i++) {
            add("s" + i, T0.plusSeconds(random.nextLong(365L * 86_400)));
        }
        assertThat(guard.finish(rejections)).isZero();
        assertThat(delivered).hasSize(60);
    }

    @Test
    void logsReadInTimeOrderOverMonthsAreAllKeptAndInOrder() {
        spread(30_000, 120); // the first thousand cover four days; the bulk then moves on
        assertThat(guard.finish(rejections)).isZero();
        assertThat(delivered).hasSize(30_000);
        List<String> sorted = new ArrayList<>(delivered);
        sorted.sort(java.util.Comparator.comparingInt(id -> Integer.parseInt(id.substring(1))));
        assertThat(delivered).isEqualTo(sorted);
        assertThat(rejections.total()).isZero();
    }

    @Test
    void inputSmallerThanTheWarmUpIsDecidedAtTheEnd() {
        spread(5, 1);
        add("stray", Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(delivered).isEmpty(); // held until the bulk is known
        assertThat(guard.finish(rejections)).isEqualTo(1);
        assertThat(delivered).containsExactly("r0", "r1", "r2", "r3", "r4");
    }
}
