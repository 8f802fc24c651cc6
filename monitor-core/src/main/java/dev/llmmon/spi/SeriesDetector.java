package dev.llmmon.spi;

import java.io.IOException;

/** A detector that needs nothing per record: it finds its alerts in the window series alone. */
public interface SeriesDetector extends Detector<NoState> {

    /** The alerts found in the window series. */
    Findings detect(DetectionInput input) throws IOException;

    @Override
    default Class<NoState> stateType() {
        return NoState.class;
    }

    @Override
    default NoState newCollector() {
        return NoState.INSTANCE;
    }

    @Override
    default Findings detect(NoState state, DetectionInput input) throws IOException {
        return detect(input);
    }
}
