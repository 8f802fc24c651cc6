package dev.llmmon.client;

import java.time.Duration;
import java.time.Instant;

/** Clock and sleep, injectable so that retry, back-off and rate-limit tests run instantly. */
public interface TimeSource {
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        }
    };

    /** Wall-clock time, used to read {@code Retry-After} HTTP dates. */
    Instant now();

    /** Monotonic time for rate limiting and latency. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;
}
