package dev.llmmon.trial;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An incident the trial generator injected: what, where (a feature, and a model or {@code null} for all of the
 * feature's models), when ({@code [start, end)}), and how soon detection must show it ({@code maxDelay} from the
 * start).
 */
public record TrialIncident(Kind kind, String feature, String model, Instant start, Instant end, String description,
                            Duration maxDelay) {
    public enum Kind {
        LATENCY_SPIKE,
        ERROR_BURST,
        COST_STEP,
        TOKEN_BLOAT,
        SILENT_MODEL_CHANGE,
        QUALITY_DROP,
        INPUT_SHIFT
    }

    public TrialIncident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feature, "feature");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an incident ends after it starts");
        }
    }
}
