package dev.llmmon.client;

import java.time.Duration;

/**
 * Retries of transient failures (429, 5xx, timeouts, dropped connections) with exponential back-off and jitter.
 * A {@code Retry-After} header, when present, replaces the computed delay (capped at {@code maxRetryAfter}).
 *
 * @param maxAttempts   attempts per call including the first, >= 1
 * @param baseDelay     delay before the first retry; doubles after each attempt
 * @param maxDelay      cap of the computed delay
 * @param jitter        fraction in [0, 1] of the computed delay that is randomised away (0 = none)
 * @param maxRetryAfter cap of a server-requested wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter, Duration maxRetryAfter) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5,
            Duration.ofMinutes(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /** Delay before retry number {@code retry} (1-based); {@code random} in [0, 1). */
    public Duration backoff(int retry, double random) {
        long base = baseDelay.toMillis();
        long exp = retry >= 31 ? Long.MAX_VALUE : base << Math.max(0, retry - 1);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, maxDelay.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }
}
