package dev.llmmon.metrics;

/**
 * Latencies of one window. {@link Exact} keeps every value and answers nearest-rank percentiles exactly;
 * {@link Sketch} is a DDSketch with bounded memory and a stated relative error.
 */
public sealed interface LatencyDigest permits LatencyDigest.Exact, LatencyDigest.Sketch {

    void add(double latencyMs);

    /** Adds all values of {@code other} (which must be of the same kind) to this digest. */
    void merge(LatencyDigest other);

    long count();

    /**
     * The {@code p}-th percentile (0..100). Exact mode: nearest rank on the sorted values, index
     * {@code floor(n·p/100)} clamped to {@code n−1}. Sketch mode: DDSketch's quantile, within the relative
     * accuracy of a value of that rank. NaN when empty.
     */
    double percentile(double p);

    static LatencyDigest exact() {
        return new Exact();
    }

    static LatencyDigest sketch(double relativeAccuracy) {
        return new Sketch(relativeAccuracy);
    }

    final class Exact implements LatencyDigest {
        private double[] values = new double[16];
        private int size;
        private boolean sorted = true;

        @Override
        public void add(double latencyMs) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            if (size > 0 && latencyMs < values[size - 1]) {
                sorted = false;
            }
            values[size++] = latencyMs;
        }

        @Override
        public void merge(LatencyDigest other) {
            Exact o = (Exact) other;
            for (int i = 0; i < o.size; i++) {
                add(o.values[i]);
            }
        }

        @Override
        public long count() {
            return size;
        }

        @Override
        public double percentile(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            if (!sorted) {
                java.util.Arrays.sort(values, 0, size);
                sorted = true;
            }
            int index = (int) Math.min(size - 1L, (long) Math.floor(size * p / 100.0));
            return values[index];
        }
    }

    final class Sketch implements LatencyDigest {
        private final com.datadoghq.sketch.ddsketch.DDSketch sketch;

        Sketch(double relativeAccuracy) {
            // collapsing the lowest bins bounds memory at 2048 bins per window whatever the input
            this.sketch = com.datadoghq.sketch.ddsketch.DDSketches.collapsingLowestDense(relativeAccuracy, 2048);
        }

        @Override
        public void add(double latencyMs) {
            sketch.accept(latencyMs);
        }

        @Override
        public void merge(LatencyDigest other) {
            sketch.mergeWith(((Sketch) other).sketch);
        }

        @Override
        public long count() {
            return (long) sketch.getCount();
        }

        @Override
        public double percentile(double p) {
            return sketch.isEmpty() ? Double.NaN : sketch.getValueAtQuantile(p / 100.0);
        }
    }
}
