package dev.llmmon.client;

/** A model call that failed for good. Messages never contain the API key. */
public class ModelClientException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The server answered with an error status. */
        HTTP_STATUS,
        /** No answer within the timeout. */
        TIMEOUT,
        /** Connection-level failure. */
        IO,
        /** A 2xx answer that is not the expected JSON shape. */
        BAD_RESPONSE,
        /** The endpoint failed too many calls in a row; no call was made. */
        CIRCUIT_OPEN,
        /** The calling thread was interrupted. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int statusCode;
    private final int attempts;

    public ModelClientException(Kind kind, int statusCode, int attempts, String message) {
        super(message);
        this.kind = kind;
        this.statusCode = statusCode;
        this.attempts = attempts;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status of the last attempt, 0 when there was none. */
    public int statusCode() {
        return statusCode;
    }

    public int attempts() {
        return attempts;
    }
}
