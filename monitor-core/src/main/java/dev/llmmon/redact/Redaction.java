package dev.llmmon.redact;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The redacted text and how many spans of each kind were replaced. It never holds the original values.
 *
 * @param text   the text with every detected span replaced by its placeholder
 * @param counts replacements per kind (kinds with none are absent); unmodifiable
 */
public record Redaction(String text, Map<PiiKind, Integer> counts) {
    public Redaction {
        Objects.requireNonNull(text, "text");
        EnumMap<PiiKind, Integer> copy = new EnumMap<>(PiiKind.class);
        counts.forEach((k, v) -> {
            if (v != null && v > 0) {
                copy.put(k, v);
            }
        });
        counts = Collections.unmodifiableMap(copy);
    }

    /** All replacements. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether anything was replaced. */
    public boolean changed() {
        return total() > 0;
    }
}
