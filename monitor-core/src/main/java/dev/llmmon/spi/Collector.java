package dev.llmmon.spi;

import dev.llmmon.record.RequestRecord;

/**
 * The per-record state one {@link Detector} needs from the logs. Each partition of the input (a reader thread, a
 * file, a Spark partition) gets its own empty collector; partial collectors are then merged, and merging the parts
 * must give the state of the whole input: {@code a.merge(b)} after {@code a} saw the first records and {@code b}
 * the following ones equals one collector that saw them all.
 *
 * @param <C> the collector's own type, so {@link #merge} takes its own kind
 */
public interface Collector<C extends Collector<C>> {

    /** Takes one record into the state; called from one thread at a time per collector, or synchronized. */
    void accept(RequestRecord record);

    /** Adds another collector's state (of records that came after this one's) into this one. */
    void merge(C other);
}
