package dev.llmmon.ingest;

import dev.llmmon.record.RequestRecord;

/** Receives records one at a time, with where they came from (for duplicate reports). */
@FunctionalInterface
public interface RecordSink {
    void accept(RequestRecord record, String file, long line);
}
