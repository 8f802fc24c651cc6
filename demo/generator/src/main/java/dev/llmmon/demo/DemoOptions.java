package dev.llmmon.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link DemoDataGenerator} should write.
 *
 * @param days  how many days of traffic, starting at {@code start} (1..366)
 * @param seed  seed of every random choice: the same options give byte-identical files
 * @param start first instant of the export (the incidents are placed relative to it)
 * @param otlp  also write {@code requests.otlp.jsonl}, the same requests as OTLP/JSON GenAI spans
 */
public record DemoOptions(int days, long seed, Instant start, boolean otlp) {
    public static final Instant DEFAULT_START = Instant.parse("2026-11-16T00:00:00Z"); // a Monday
    public static final int DEFAULT_DAYS = 7;
    public static final long DEFAULT_SEED = 42L;

    public DemoOptions {
        Objects.requireNonNull(start, "start");
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be between 1 and 366, got " + days);
        }
    }

    /** Seven days from 2026-11-16 (Monday), seed 42, native files only. */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_START, false);
    }

    public DemoOptions withDays(int newDays) {
        return new DemoOptions(newDays, seed, start, otlp);
    }

    public DemoOptions withSeed(long newSeed) {
        return new DemoOptions(days, newSeed, start, otlp);
    }

    public DemoOptions withStart(Instant newStart) {
        return new DemoOptions(days, seed, newStart, otlp);
    }

    public DemoOptions withOtlp(boolean newOtlp) {
        return new DemoOptions(days, seed, start, newOtlp);
    }
}
