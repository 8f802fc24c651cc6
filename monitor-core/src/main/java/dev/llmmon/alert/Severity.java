package dev.llmmon.alert;

import java.util.Locale;

/** How bad an alert is; {@code failOnAlert} compares against it. Declared from worst to mildest. */
public enum Severity {
    CRITICAL,
    MAJOR,
    MINOR;

    /** Whether this severity is {@code threshold} or worse (CRITICAL is at least MAJOR). */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Accepts {@code critical}, {@code MAJOR}, ... */
    public static Severity parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity '" + name + "' is not one of critical, major, minor", e);
        }
    }
}
