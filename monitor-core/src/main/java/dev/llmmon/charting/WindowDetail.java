package dev.llmmon.charting;

import dev.llmmon.metrics.GroupKey;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the charts need per record beyond the window metrics, per hour, feature and model:
 * <ul>
 * <li>a histogram of measured latencies on log-spaced bins 2% wide, so the latency chart can count, per window,
 * the requests slower than a threshold known only once the baseline is (the baseline's p95; records without a
 * measured latency are left out, as in the windows' percentiles);</li>
 * <li>count, sum and sum of squares of the output tokens of answers (requests that neither failed nor refused),
 * so output tokens are charted per answer, with the within-window spread as a floor under σ̂₁.</li>
 * </ul>
 * Integer counts only, so merging the parts of a partitioned input gives exactly the whole ({@link Collector}).
 * Records of a separate operation (embeddings) are left out, as in the unsliced rows.
 */
public final class WindowDetail implements Collector<WindowDetail> {
    /** Bin i holds latencies in [γ^i, γ^(i+1)) ms, γ = 1.02; latencies under 1 ms fall in bin 0. */
    static final double GAMMA = 1.02;
    private static final double LOG_GAMMA = Math.log(GAMMA);
    private static final long HOUR_MILLIS = 3_600_000L;

    private record Key(long hour, String feature, String model) {
    }

    private final Map<Key, Histogram> hours = new HashMap<>();
    private final Map<Key, Moments> answers = new HashMap<>();

    @Override
    public void accept(RequestRecord r) {
        String operation = r.metadata().get(GroupKey.OPERATION_SLICE);
        if (operation != null && GroupKey.isSeparateOperation(operation)) {
            return;
        }
        Key key = new Key(Math.floorDiv(r.timestamp().toEpochMilli(), HOUR_MILLIS), r.featureId(), r.modelId());
        if (r.latencyMeasured()) {
            hours.computeIfAbsent(key, k -> new Histogram()).add(bin(r.latencyMs()), 1);
        }
        if (!r.isError() && !r.isRefusal()) {
            answers.computeIfAbsent(key, k -> new Moments()).add(r.outputTokens());
        }
    }

    @Override
    public void merge(WindowDetail other) {
        other.hours.forEach((k, h) -> hours.computeIfAbsent(k, x -> new Histogram()).addAll(h));
        other.answers.forEach((k, m) -> answers.computeIfAbsent(k, x -> new Moments()).addAll(m));
    }

    /** Count, sum and sum of squares of whole numbers (exact, so merge order cannot change them). */
    static final class Moments {
        private long count;
        private long sum;
        private long sumOfSquares;

        void add(long x) {
            count++;
            sum += x;
            sumOfSquares += x * x;
        }

        void addAll(Moments o) {
            count += o.count;
            sum += o.sum;
            sumOfSquares += o.sumOfSquares;
        }

        long count() {
            return count;
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / (double) count;
        }

        /** Sum of squared deviations from the window's own mean. */
        double squaredDeviations() {
            return count == 0 ? 0 : sumOfSquares - (double) sum * sum / count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Moments m && count == m.count && sum == m.sum && sumOfSquares == m.sumOfSquares;
        }

        @Override
        public int hashCode() {
            return Objects.hash(count, sum, sumOfSquares);
        }
    }

    /** The answers' output-token moments of one window (hours merged), as {@link #window}. */
    Optional<Moments> answers(String feature, String model, Instant start, Duration length) {
        long from = start.toEpochMilli();
        long millis = length.toMillis();
        if (from % HOUR_MILLIS != 0 || millis % HOUR_MILLIS != 0 || millis == 0) {
            return Optional.empty();
        }
        Moments out = new Moments();
        for (long h = from / HOUR_MILLIS; h < (from + millis) / HOUR_MILLIS; h++) {
            Moments part = answers.get(new Key(h, feature, model));
            if (part != null) {
                out.addAll(part);
            }
        }
        return Optional.of(out);
    }

    static int bin(double latencyMs) {
        return latencyMs < 1 ? 0 : (int) Math.floor(Math.log(latencyMs) / LOG_GAMMA);
    }

    /** The lower edge of a bin, in ms. */
    static double lowerEdge(int bin) {
        return Math.pow(GAMMA, bin);
    }

    /**
     * The histogram of one window of a feature and model: the hours it covers merged; empty when the window is
     * not a whole number of hours starting on an hour (the charts then use the window's p95).
     */
    Optional<Histogram> window(String feature, String model, Instant start, Duration length) {
        long from = start.toEpochMilli();
        long millis = length.toMillis();
        if (from % HOUR_MILLIS != 0 || millis % HOUR_MILLIS != 0 || millis == 0) {
            return Optional.empty();
        }
        Histogram out = new Histogram();
        for (long h = from / HOUR_MILLIS; h < (from + millis) / HOUR_MILLIS; h++) {
            Histogram part = hours.get(new Key(h, feature, model));
            if (part != null) {
                out.addAll(part);
            }
        }
        return Optional.of(out);
    }

    /** True when no record was collected (e.g. a series-store replay): the charts then use the windows' p95. */
    boolean isEmpty() {
        return hours.isEmpty() && answers.isEmpty();
    }

    /** Counts per bin, dense between the lowest and highest bin seen. */
    static final class Histogram {
        private int offset;
        private long[] counts = new long[0];
        private long total;

        void add(int bin, long count) {
            if (counts.length == 0) {
                offset = bin;
                counts = new long[1];
            } else if (bin < offset) {
                long[] grown = new long[counts.length + offset - bin];
                System.arraycopy(counts, 0, grown, offset - bin, counts.length);
                counts = grown;
                offset = bin;
            } else if (bin >= offset + counts.length) {
                counts = Arrays.copyOf(counts, bin - offset + 1);
            }
            counts[bin - offset] += count;
            total += count;
        }

        void addAll(Histogram other) {
            for (int i = 0; i < other.counts.length; i++) {
                if (other.counts[i] != 0) {
                    add(other.offset + i, other.counts[i]);
                }
            }
        }

        long total() {
            return total;
        }

        /** The bin holding the nearest-rank {@code q} quantile (rank ⌈q·n⌉). */
        int quantileBin(double q) {
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return offset + i;
                }
            }
            return offset + counts.length - 1;
        }

        /** How many latencies lie in bins above {@code bin}. */
        long above(int bin) {
            long n = 0;
            for (int i = Math.max(0, bin + 1 - offset); i < counts.length; i++) {
                n += counts[i];
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Histogram h && total == h.total && offset == h.offset && Arrays.equals(counts, h.counts);
        }

        @Override
        public int hashCode() {
            return Objects.hash(offset, total, Arrays.hashCode(counts));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowDetail other && hours.equals(other.hours) && answers.equals(other.answers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hours, answers);
    }
}
