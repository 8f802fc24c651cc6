package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;

import java.io.IOException;

/**
 * A stream that cannot be read (on) for a reason worth its own name: a gzip file cut inside its header is
 * {@link RejectReason#TRUNCATED_INPUT}, gzip magic bytes followed by something else are
 * {@link RejectReason#UNREADABLE_FILE}. Any other {@link IOException} of a decompressing stream counts as truncated.
 */
public final class DamagedInputException extends IOException {
    private final transient RejectReason reason;

    public DamagedInputException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    /** The reason a failure of the input stream is rejected under: this exception's, else truncated input. */
    public static RejectReason reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DamagedInputException d) {
                return d.reason;
            }
        }
        return RejectReason.TRUNCATED_INPUT;
    }

    /** The message of a rejection for a stream that failed after {@code linesRead} lines. */
    public static String message(long linesRead, Throwable failure) {
        String what = failure == null ? "unknown failure" : failure.getMessage() != null ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return (linesRead == 0 ? "no line could be read: " : "input ends early or is corrupt after line " + linesRead
                + " (those lines were read): ") + what;
    }
}
