package dev.llmmon.probes;

/** The probe run could not start or finish, e.g. a probe file with an error (the message names file and line). */
public final class ProbeRunException extends RuntimeException {
    public ProbeRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
