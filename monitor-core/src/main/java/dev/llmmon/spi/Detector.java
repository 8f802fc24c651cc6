package dev.llmmon.spi;

import dev.llmmon.alert.Alert;

import java.io.IOException;
import java.util.List;

/**
 * One kind of detection. A detector declares the per-record state it needs (its {@link Collector}, or
 * {@link NoState} when the window series are enough); the monitor feeds that state every record, and at the end
 * {@link #detect} turns it and the window series into alerts. Configure a detector through its constructor.
 *
 * @param <C> the per-record state
 */
public interface Detector<C extends Collector<C>> {

    /** The state's type: the run's states are looked up by it. */
    Class<C> stateType();

    /** A fresh, empty state for one partition of the input. */
    C newCollector();

    /** Whether records must carry their input and output text (decoding text costs ingest speed). */
    default boolean readsText() {
        return false;
    }

    /** The alerts found in the state collected over the whole input and the window series. */
    Findings detect(C state, DetectionInput input) throws IOException;

    /**
     * What a detector found.
     *
     * @param alerts the alerts, in any order (the run sorts them)
     * @param detail the detector's own account of its work (e.g. the control charts' runs), or {@code null}
     */
    record Findings(List<Alert> alerts, Object detail) {
        public Findings {
            alerts = List.copyOf(alerts);
        }

        public static Findings of(List<Alert> alerts) {
            return new Findings(alerts, null);
        }
    }
}
