package dev.llmmon.record;

import java.util.Locale;
import java.util.Optional;

/** A user reaction to one response (shared/formats/logs.md §2). */
public enum SignalType {
    THUMBS_UP, THUMBS_DOWN, CORRECTION, FOLLOW_UP, ABANDONED, RETRY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SignalType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (SignalType type : values()) {
            if (type.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
