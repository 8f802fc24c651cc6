package dev.llmmon.probes.run;

import java.util.Locale;

/** Where answers come from. */
public enum RunMode {
    /** Call the endpoint; nothing is stored. */
    LIVE,
    /** Call the endpoint and store every answer in the cassette. */
    RECORD,
    /** Answer from the cassette only; no network. A request with no entry fails clearly. */
    REPLAY;

    public static RunMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("llmmon.mode must be live, record or replay, was '" + value + "'");
        }
    }
}
