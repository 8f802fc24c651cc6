package dev.llmmon.probes.spec;

import java.util.Locale;

/** How bad a failing probe is; maps to Allure's severity. */
public enum Severity {
    CRITICAL, MAJOR, MINOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
