package dev.llmmon.internal.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The one retry loop: calls an attempt until it is done or the attempts are used up, waiting between attempts for
 * what the server asked ({@code Retry-After}, capped) or else the back-off. What an attempt does, and what counts as
 * done, is the caller's: the model clients and the webhook sink share only this loop.
 */
public final class RetryLoop {
    private final int maxAttempts;
    private final IntFunction<Duration> backoff;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;

    /** Waits; tests pass a fake that records the waits instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt, numbered from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        Step<T> call(int attempt) throws InterruptedException;
    }

    /**
     * What one attempt came to.
     *
     * @param outcome    the caller's result of the attempt (a reply, a failure)
     * @param retry      whether the failure is transient and worth another attempt
     * @param retryAfter the wait the server asked for, {@code null} for the loop's back-off
     */
    public record Step<T>(T outcome, boolean retry, Duration retryAfter) {
        /** Final: a success, or a failure that another attempt would not mend. */
        public static <T> Step<T> done(T outcome) {
            return new Step<>(outcome, false, null);
        }

        /** A transient failure; {@code retryAfter} may be {@code null}. */
        public static <T> Step<T> retry(T outcome, Duration retryAfter) {
            return new Step<>(outcome, true, retryAfter);
        }
    }

    /** How the loop ended. */
    public enum Ending {
        /** The last attempt was final. */
        DONE,
        /** Every attempt failed transiently. */
        GAVE_UP,
        /** The thread was interrupted during an attempt or a wait; its interrupt flag is set again. */
        INTERRUPTED
    }

    /**
     * @param outcome  the last attempt's outcome; {@code null} when interrupted before the first attempt finished
     * @param attempts attempts made (the interrupted one included)
     */
    public record Result<T>(T outcome, int attempts, Ending ending) {
    }

    /**
     * @param maxAttempts   attempts including the first, >= 1
     * @param backoff       wait before retry {@code n} (1-based) when the server asked for none
     * @param maxRetryAfter cap of a server-requested wait
     */
    public RetryLoop(int maxAttempts, IntFunction<Duration> backoff, Duration maxRetryAfter, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public <T> Result<T> run(Attempt<T> attempt) {
        T last = null;
        for (int n = 1; ; n++) {
            try {
                Step<T> step = attempt.call(n);
                last = step.outcome();
                if (!step.retry()) {
                    return new Result<>(last, n, Ending.DONE);
                }
                if (n >= maxAttempts) {
                    return new Result<>(last, n, Ending.GAVE_UP);
                }
                Duration asked = step.retryAfter();
                sleeper.sleep(asked == null ? backoff.apply(n) : asked.compareTo(maxRetryAfter) <= 0 ? asked : maxRetryAfter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result<>(last, n, Ending.INTERRUPTED);
            }
        }
    }
}
