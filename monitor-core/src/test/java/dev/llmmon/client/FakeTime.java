package dev.llmmon.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when someone sleeps, and remembers every sleep. */
public final class FakeTime implements TimeSource {
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Instant epoch;
    private long nanos;

    public FakeTime(Instant epoch) {
        this.epoch = epoch;
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        nanos += duration.toNanos();
    }
}
