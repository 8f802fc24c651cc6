package dev.llmmon.probes.gate;

/** The gate could not pair every case: a side made no call for it (a cassette without it, a broken file). */
public final class GateRunException extends RuntimeException {
    public GateRunException(String message) {
        super(message);
    }
}
