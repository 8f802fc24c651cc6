package dev.llmmon.monitor;

import dev.llmmon.ingest.Ingest;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.metrics.AggregationOptions;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.spi.Collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one monitor run: the window metrics, an account of the input, and the per-record states the
 * detectors collected, each reachable by its type.
 *
 * @param aggregation how the windows were cut
 * @param windows     all metric rows, in time order
 * @param input       what was read, rejected and priced
 * @param quality     judge quality per window, feature and model, {@code null} without a judgement store
 * @param states      the detectors' states by type
 */
public record MonitorResult(AggregationOptions aggregation, List<WindowMetrics> windows, InputAccount input,
                            QualitySeries quality, Map<Class<?>, Collector<?>> states) {
    public MonitorResult {
        windows = List.copyOf(windows);
        states = Map.copyOf(states);
    }

    /** The state of that type, if a detector of the run collected it. */
    public <C> Optional<C> state(Class<C> type) {
        return Optional.ofNullable(states.get(type)).map(type::cast);
    }

    public Ingest.Stats ingest() {
        return input.ingest();
    }

    public Rejections rejections() {
        return input.rejections();
    }

    public List<Path> signalFiles() {
        return input.signals().files();
    }

    public long signals() {
        return input.signals().accepted();
    }

    public long orphanSignals() {
        return input.signals().orphaned();
    }

    public Rejections signalRejections() {
        return input.signals().rejections();
    }

    public Set<String> unpricedModels() {
        return input.unpricedModels();
    }

    public String pricingSource() {
        return input.pricingSource();
    }

    public Duration elapsed() {
        return input.elapsed();
    }
}
