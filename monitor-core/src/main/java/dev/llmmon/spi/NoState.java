package dev.llmmon.spi;

import dev.llmmon.record.RequestRecord;

/** The state of a detector that needs nothing per record: it works on the window series alone. */
public final class NoState implements Collector<NoState> {
    public static final NoState INSTANCE = new NoState();

    private NoState() {
    }

    @Override
    public void accept(RequestRecord record) {
        // nothing to keep
    }

    @Override
    public void merge(NoState other) {
        // nothing to add
    }
}
