package dev.llmmon.record;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that changed on the team's side (shared/formats/logs.md §6): a deploy, a model or prompt change, an
 * index update. {@code featureId} is {@code null} when the change concerns every feature.
 */
public record ChangeEvent(Instant timestamp, String kind, String featureId, String description) {
    public static final String MODEL_CHANGE = "model_change";
    public static final String PROMPT_CHANGE = "prompt_change";

    public ChangeEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        kind = Objects.requireNonNull(kind, "kind").toLowerCase(Locale.ROOT);
    }

    /** A change that can alter what the model answers: a new model or a new prompt. */
    public boolean changesBehaviour() {
        return MODEL_CHANGE.equals(kind) || PROMPT_CHANGE.equals(kind);
    }

    public boolean concerns(String feature) {
        return featureId == null || featureId.equals(feature);
    }
}
