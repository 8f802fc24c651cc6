package dev.llmmon.judge;

import java.util.Locale;

/** Outcome of one judge call (shared/formats/logs.md §5). */
public enum JudgementStatus {
    /** All dimensions scored. */
    OK,
    /** The judge answered but not with a valid set of scores; excluded from quality statistics. */
    UNPARSEABLE,
    /** The call failed after retries; a rerun tries again. */
    ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JudgementStatus parse(String value) {
        for (JudgementStatus s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + value + "'");
    }
}
