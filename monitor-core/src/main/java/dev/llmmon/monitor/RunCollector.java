package dev.llmmon.monitor;

import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.metrics.SignalIndex;
import dev.llmmon.metrics.WindowAggregation;
import dev.llmmon.record.RequestRecord;
import dev.llmmon.spi.Collector;
import dev.llmmon.spi.Detector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run collects per record: the window aggregation (with the user signals joined) and the state of
 * every detector, one state per state type. It is itself a collector, so a partition of the input (a reader
 * thread, a Spark partition) can fill its own and the parts merge into the whole.
 */
public final class RunCollector implements Collector<RunCollector> {
    private final WindowAggregation windows;
    private final SignalIndex signals;
    private final Map<Class<?>, Collector<?>> states = new LinkedHashMap<>();

    public RunCollector(AggregationOptions aggregation, PricingTable pricing, SignalIndex signals,
                        List<Detector<?>> detectors) {
        this.windows = new WindowAggregation(aggregation, pricing);
        this.signals = signals;
        for (Detector<?> detector : detectors) {
            states.computeIfAbsent(detector.stateType(), type -> detector.newCollector());
        }
    }

    @Override
    public void accept(RequestRecord record) {
        windows.add(record, signals);
        for (Collector<?> state : states.values()) {
            state.accept(record);
        }
    }

    @Override
    public void merge(RunCollector other) {
        windows.merge(other.windows);
        other.states.forEach((type, state) -> mergeState(states.get(type), state));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mergeState(Collector into, Collector from) {
        if (into == null) {
            throw new IllegalArgumentException("cannot merge a collector of other detectors");
        }
        into.merge(from);
    }

    public WindowAggregation windows() {
        return windows;
    }

    /** The detectors' states by type. */
    public Map<Class<?>, Collector<?>> states() {
        return Map.copyOf(states);
    }
}
