package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;

/** A record-level problem found while parsing one line; carries no stack trace because it is ordinary control flow. */
final class BadRecordException extends Exception {
    final RejectReason reason;
    final String field;

    BadRecordException(RejectReason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }
}
