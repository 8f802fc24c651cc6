package dev.llmmon.drift;

import dev.llmmon.ingest.internal.RequestIdSet;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What per-feature distribution drift needs from the logs, per feature and UTC day: the exact mix of finish
 * reasons, and a sample of the input and output token counts of successful calls.
 *
 * <p>The sample is a bottom-k sample: the {@value #SAMPLE} requests whose id hashes lowest (the dedup table's
 * 64-bit hash, {@link RequestIdSet#hash}). It does not depend on the order records arrive in, so parallel readers
 * that {@link #merge} partial accumulators get the same sample as one reader, and a rerun on the same logs the
 * same alerts.
 */
public final class DailyColumns implements Collector<DailyColumns> {
    /** Requests sampled per feature and day: enough for KS and a normed Wasserstein distance to mean something. */
    public static final int SAMPLE = 1000;
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** Token counts of one sampled request. */
    record Sampled(long hash, long inputTokens, long outputTokens) {
    }

    /** One feature-day. */
    static final class Day {
        final Map<String, Long> finishReasons = new TreeMap<>();
        // max-heap on the hash: the root is the one to drop when a lower hash arrives
        final PriorityQueue<Sampled> sample = new PriorityQueue<>(Comparator.comparingLong(Sampled::hash).reversed());

        void offer(Sampled s) {
            if (sample.size() < SAMPLE) {
                sample.add(s);
            } else if (s.hash() < sample.peek().hash()) {
                sample.poll();
                sample.add(s);
            }
        }
    }

    private final Map<String, TreeMap<Long, Day>> features = new TreeMap<>();

    @Override
    public synchronized void accept(RequestRecord r) {
        long day = Math.floorDiv(r.timestamp().toEpochMilli(), DAY) * DAY;
        Day d = features.computeIfAbsent(r.featureId(), f -> new TreeMap<>()).computeIfAbsent(day, x -> new Day());
        d.finishReasons.merge(r.finishReason().wireName(), 1L, Long::sum);
        if (!r.isError()) {
            d.offer(new Sampled(RequestIdSet.hash(r.requestId()), r.inputTokens(), r.outputTokens()));
        }
    }

    /** Adds another accumulator's counts and samples. */
    @Override
    public synchronized void merge(DailyColumns other) {
        synchronized (other) {
            other.features.forEach((feature, days) -> days.forEach((day, o) -> {
                Day d = features.computeIfAbsent(feature, f -> new TreeMap<>()).computeIfAbsent(day, x -> new Day());
                o.finishReasons.forEach((k, v) -> d.finishReasons.merge(k, v, Long::sum));
                o.sample.forEach(d::offer);
            }));
        }
    }

    /** One feature-day as plain values, for the drift tests. */
    public record Column(String feature, Instant day, Map<String, Long> finishReasons, double[] inputTokens,
                         double[] outputTokens) {
    }

    /** Every feature-day in time order per feature. */
    public synchronized List<Column> columns() {
        List<Column> out = new ArrayList<>();
        features.forEach((feature, days) -> days.forEach((day, d) -> {
            List<Sampled> sorted = new ArrayList<>(d.sample);
            sorted.sort(Comparator.comparingLong(Sampled::hash)); // a fixed order, whatever the heap's
            out.add(new Column(feature, Instant.ofEpochMilli(day), Map.copyOf(d.finishReasons),
                    sorted.stream().mapToDouble(Sampled::inputTokens).toArray(),
                    sorted.stream().mapToDouble(Sampled::outputTokens).toArray()));
        }));
        return out;
    }
}
