package dev.llmmon.triage;

import java.util.Locale;

/** A reviewer's verdict on one bundled response. */
public enum ReviewVerdict {
    /** The response is really bad: it becomes an eval case. */
    REAL,
    /** The flag or the signal was wrong: the response is fine. */
    FALSE_POSITIVE,
    /** Not reviewed yet. */
    UNSET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code real}, {@code false_positive} (or {@code false-positive}), {@code unset} or empty. */
    public static ReviewVerdict parse(String value) {
        if (value == null || value.isBlank()) {
            return UNSET;
        }
        String v = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ReviewVerdict r : values()) {
            if (r.wireName().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("verdict '" + value + "' is none of real, false_positive, unset");
    }
}
