package dev.llmmon.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;
import dev.llmmon.internal.http.JsonPost;
import dev.llmmon.internal.http.RetryAfter;
import dev.llmmon.internal.http.RetryLoop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every model client shares for one {@link Endpoint}: concurrency bound, request-rate limit, the retry loop
 * honouring {@code Retry-After}, a consecutive-failure circuit breaker, and key redaction in every message.
 */
final class HttpEndpoint implements AutoCloseable {
    private static final int MAX_ERROR_BODY = 300;

    private final Endpoint endpoint;
    private final ApiKey apiKey;
    private final TimeSource time;
    private final JsonPost http;
    private final RetryLoop retry;
    private final Semaphore inFlight;
    private final RateLimiter limiter;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** One parsed 2xx reply plus the attempts it took and the time of the successful attempt. */
    record Reply(JsonNode body, int attempts, Duration latency) {
    }

    /** An attempt's outcome: a reply or a failure. */
    private record Attempted(Reply reply, ModelClientException failure) {
    }

    /** Looks the key up now (see {@link KeySource#resolve()}). */
    HttpEndpoint(Endpoint endpoint, TimeSource time) {
        this.endpoint = endpoint;
        this.apiKey = endpoint.keySource().resolve();
        this.time = time;
        this.http = new JsonPost(endpoint.timeout());
        RetryPolicy policy = endpoint.retry();
        this.retry = new RetryLoop(policy.maxAttempts(),
                n -> policy.backoff(n, ThreadLocalRandom.current().nextDouble()), policy.maxRetryAfter(), time::sleep);
        this.inFlight = new Semaphore(endpoint.maxConcurrency(), true);
        this.limiter = new RateLimiter(endpoint.requestsPerMinute(), time);
    }

    Endpoint endpoint() {
        return endpoint;
    }

    ApiKey apiKey() {
        return apiKey;
    }

    /** The endpoint's base URL with {@code path} appended, keeping any query (Azure's {@code api-version}). */
    String url(String path) {
        return JsonPost.resolve(endpoint.baseUrl(), path);
    }

    /** POSTs {@code body} with {@code headers} and returns the parsed 2xx JSON reply. */
    Reply post(String url, Map<String, String> headers, JsonNode body) {
        int threshold = endpoint.breakerThreshold();
        if (threshold > 0 && consecutiveFailures.get() >= threshold) {
            throw new ModelClientException(ModelClientException.Kind.CIRCUIT_OPEN, 0, 0,
                    "stopped calling " + JsonPost.describe(url) + " after " + consecutiveFailures.get()
                            + " failed calls in a row; last failure: " + lastFailure.get());
        }
        try {
            Reply reply = attempts(url, headers, Json.MAPPER.writeValueAsBytes(body));
            consecutiveFailures.set(0);
            return reply;
        } catch (ModelClientException e) {
            if (e.kind() != ModelClientException.Kind.INTERRUPTED) {
                lastFailure.set(e.getMessage());
                consecutiveFailures.incrementAndGet();
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
    }

    private Reply attempts(String url, Map<String, String> headers, byte[] body) {
        RetryLoop.Result<Attempted> result = retry.run(attempt -> attempt(url, headers, body, attempt));
        Attempted last = result.outcome();
        return switch (result.ending()) {
            case INTERRUPTED -> throw new ModelClientException(ModelClientException.Kind.INTERRUPTED, 0,
                    result.attempts(), "interrupted");
            case GAVE_UP -> throw new ModelClientException(last.failure().kind(), last.failure().statusCode(),
                    result.attempts(), last.failure().getMessage() + " (gave up after " + result.attempts() + " attempts)");
            case DONE -> {
                if (last.failure() != null) {
                    throw last.failure();
                }
                yield last.reply();
            }
        };
    }

    private RetryLoop.Step<Attempted> attempt(String url, Map<String, String> headers, byte[] body, int attempt)
            throws InterruptedException {
        limiter.acquire();
        inFlight.acquire();
        try {
            long start = time.nanoTime();
            JsonPost.Reply reply = http.post(url, headers, body);
            if (reply.successful()) {
                return RetryLoop.Step.done(new Attempted(new Reply(parse(url, reply, attempt), attempt,
                        Duration.ofNanos(time.nanoTime() - start)), null));
            }
            Attempted failed = failed(ModelClientException.Kind.HTTP_STATUS, reply.status(), attempt,
                    JsonPost.describe(url) + " answered HTTP " + reply.status() + ": " + snippet(reply.body()));
            return JsonPost.isTransient(reply.status())
                    ? RetryLoop.Step.retry(failed, RetryAfter.parse(reply.retryAfter(), time.now()))
                    : RetryLoop.Step.done(failed);
        } catch (ModelClientException badResponse) {
            return RetryLoop.Step.done(new Attempted(null, badResponse));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            return RetryLoop.Step.retry(failed(ModelClientException.Kind.TIMEOUT, 0, attempt, JsonPost.describe(url)
                    + " did not answer within " + endpoint.timeout().toMillis() + " ms"), null);
        } catch (IOException e) {
            return RetryLoop.Step.retry(failed(ModelClientException.Kind.IO, 0, attempt, JsonPost.describe(url)
                    + " connection failed: " + redact(String.valueOf(e.getMessage()))), null);
        } finally {
            inFlight.release();
        }
    }

    private static Attempted failed(ModelClientException.Kind kind, int status, int attempt, String message) {
        return new Attempted(null, new ModelClientException(kind, status, attempt, message));
    }

    private JsonNode parse(String url, JsonPost.Reply reply, int attempt) {
        try {
            JsonNode node = Json.MAPPER.readTree(reply.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ModelClientException(ModelClientException.Kind.BAD_RESPONSE, reply.status(), attempt,
                    JsonPost.describe(url) + " answered HTTP " + reply.status()
                            + " with a body that is not a JSON object: " + snippet(reply.body()));
        }
    }

    private String snippet(String text) {
        String s = redact(text.strip().replaceAll("\\s+", " "));
        return s.length() <= MAX_ERROR_BODY ? s : s.substring(0, MAX_ERROR_BODY) + "...";
    }

    String redact(String text) {
        return apiKey.redact(text);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return endpoint.baseUrl() + ", " + endpoint.model() + ", " + apiKey;
    }

    /** Spaces call starts evenly: at most {@code perMinute} starts in any minute. */
    static final class RateLimiter {
        private final long spacingNanos;
        private final TimeSource time;
        private long nextStart = Long.MIN_VALUE;

        RateLimiter(int perMinute, TimeSource time) {
            this.spacingNanos = perMinute == 0 ? 0 : TimeUnit.MINUTES.toNanos(1) / perMinute;
            this.time = time;
        }

        void acquire() throws InterruptedException {
            if (spacingNanos == 0) {
                return;
            }
            long wait;
            synchronized (this) {
                long now = time.nanoTime();
                long start = nextStart == Long.MIN_VALUE ? now : Math.max(now, nextStart);
                nextStart = start + spacingNanos;
                wait = start - now;
            }
            if (wait > 0) {
                time.sleep(Duration.ofNanos(wait));
            }
        }
    }
}
