package dev.llmmon.drift;

import java.time.Instant;
import java.util.Map;

import dev.llmmon.spi.DetectionInput;
import dev.llmmon.spi.SeriesDetector;

/** Output-token bloat after a model or prompt change ({@link TokenBloat}); the team's change events add to the model changes seen in the logs. */
public final class TokenBloatDetector implements SeriesDetector {
    private final TokenBloat.Plan plan;

    public TokenBloatDetector(TokenBloat.Plan plan) {
        this.plan = plan;
    }

    @Override
    public Findings detect(DetectionInput input) {
        TokenBloat.Plan withChanges = plan;
        for (Map.Entry<String, Instant> change : input.latestBehaviourChanges().entrySet()) {
            withChanges = withChanges.withChange(change.getKey(), change.getValue());
        }
        TokenBloat.Result result = TokenBloat.detect(withChanges, input.windows());
        return new Findings(result.alerts(), result);
    }
}
