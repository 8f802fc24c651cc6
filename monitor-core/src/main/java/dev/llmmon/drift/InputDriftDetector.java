package dev.llmmon.drift;

import dev.llmmon.spi.Embedder;
import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.Detector;

import java.util.Objects;

/** Input drift in embedding space ({@link InputDrift}): samples the users' inputs, so records carry their text. */
public final class InputDriftDetector implements Detector<InputDrift> {
    private final InputDrift.Plan plan;
    private final Embedder embedder;

    public InputDriftDetector(InputDrift.Plan plan, Embedder embedder) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public Class<InputDrift> stateType() {
        return InputDrift.class;
    }

    @Override
    public InputDrift newCollector() {
        return new InputDrift(plan);
    }

    @Override
    public boolean readsText() {
        return true;
    }

    @Override
    public Findings detect(InputDrift state, DetectionInput input) {
        InputDrift.Result result = state.detect(embedder);
        return new Findings(result.alerts(), result);
    }
}
