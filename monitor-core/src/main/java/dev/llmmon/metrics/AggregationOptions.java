package dev.llmmon.metrics;

import java.util.List;

/**
 * How records are grouped and summarised.
 *
 * @param window            tumbling window length
 * @param slices            metadata keys that each give extra rows per value (e.g. {@code prompt_version})
 * @param sketch            keep latencies in a DDSketch instead of exactly (memory bounded by windows, not records)
 * @param relativeAccuracy  the sketch's relative error on percentiles (e.g. 0.01 = 1%)
 * @param survivorship      when to warn of survivorship bias in explicit feedback
 */
public record AggregationOptions(WindowSize window, List<String> slices, boolean sketch, double relativeAccuracy,
                                 SurvivorshipRule survivorship) {
    public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;

    public AggregationOptions {
        slices = List.copyOf(slices);
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
            throw new IllegalArgumentException("relative accuracy must be in (0, 1): " + relativeAccuracy);
        }
    }

    public static AggregationOptions hourly() {
        return new AggregationOptions(WindowSize.parse("1h"), List.of(), false, DEFAULT_RELATIVE_ACCURACY,
                SurvivorshipRule.DEFAULT);
    }

    public AggregationOptions withWindow(WindowSize size) {
        return new AggregationOptions(size, slices, sketch, relativeAccuracy, survivorship);
    }

    public AggregationOptions withSlices(List<String> keys) {
        return new AggregationOptions(window, keys, sketch, relativeAccuracy, survivorship);
    }

    public AggregationOptions withSketch(boolean useSketch) {
        return new AggregationOptions(window, slices, useSketch, relativeAccuracy, survivorship);
    }
}
