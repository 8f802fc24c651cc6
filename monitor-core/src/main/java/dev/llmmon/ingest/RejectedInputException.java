package dev.llmmon.ingest;

/** Thrown in strict mode at the first rejected input. */
public final class RejectedInputException extends RuntimeException {
    private final transient Rejection rejection;

    public RejectedInputException(Rejection rejection) {
        super("Rejected input (strict mode): " + rejection);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
