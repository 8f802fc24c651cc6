package dev.llmmon.probes.run;

/** Replay mode met a request the cassette does not hold. Not a model failure: the cassette is out of date. */
public final class CassetteMissException extends RuntimeException {
    public CassetteMissException(String message) {
        super(message);
    }
}
