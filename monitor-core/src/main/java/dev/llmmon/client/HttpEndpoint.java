package dev.llmmon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmmon.internal.json.Json;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The transport shared by every client: concurrency bound, request-rate limit, retries with back-off honouring
 * {@code Retry-After}, a consecutive-failure circuit breaker, and key redaction in every message.
 */
final class HttpEndpoint implements AutoCloseable {
    static final ObjectMapper JSON = Json.MAPPER;
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_ERROR_BODY = 300;

    private final ClientSettings settings;
    private final OkHttpClient http;
    private final Semaphore inFlight;
    private final RateLimiter limiter;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** One parsed 2xx reply plus the attempts it took and the time of the successful attempt. */
    record Reply(JsonNode body, int attempts, Duration latency) {
    }

    HttpEndpoint(ClientSettings settings) {
        this.settings = settings;
        this.http = new OkHttpClient.Builder()
                .callTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false) // retries are ours, counted and backed off
                .build();
        this.inFlight = new Semaphore(settings.maxConcurrency(), true);
        this.limiter = new RateLimiter(settings.requestsPerMinute(), settings.timeSource());
    }

    /** {@code baseUrl} with {@code path} appended, keeping any query (Azure's {@code api-version}). */
    HttpUrl url(String path) {
        HttpUrl base = HttpUrl.parse(settings.baseUrl());
        if (base == null) {
            throw new IllegalArgumentException("base URL is not an http(s) URL: " + settings.baseUrl());
        }
        HttpUrl.Builder b = base.newBuilder();
        var segments = base.pathSegments();
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            b.removePathSegment(segments.size() - 1);
        }
        return b.addPathSegments(path).build();
    }

    /** POSTs {@code body} with {@code headers} and returns the parsed 2xx JSON reply. */
    Reply post(HttpUrl url, Headers headers, JsonNode body) {
        int threshold = settings.breakerThreshold();
        if (threshold > 0 && consecutiveFailures.get() >= threshold) {
            throw new ModelClientException(ModelClientException.Kind.CIRCUIT_OPEN, 0, 0,
                    "stopped calling " + endpoint(url) + " after " + consecutiveFailures.get()
                            + " failed calls in a row; last failure: " + lastFailure.get());
        }
        try {
            Reply reply = attempt(url, headers, JSON.writeValueAsBytes(body));
            consecutiveFailures.set(0);
            return reply;
        } catch (ModelClientException e) {
            if (e.kind() != ModelClientException.Kind.INTERRUPTED) {
                lastFailure.set(e.getMessage());
                consecutiveFailures.incrementAndGet();
            }
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
    }

    private Reply attempt(HttpUrl url, Headers headers, byte[] body) {
        RetryPolicy retry = settings.retry();
        TimeSource time = settings.timeSource();
        ModelClientException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration wait;
            try {
                limiter.acquire();
                inFlight.acquire();
                long start = time.nanoTime();
                try (Response response = http.newCall(new Request.Builder().url(url).headers(headers)
                        .post(RequestBody.create(body, JSON_TYPE)).build()).execute()) {
                    int code = response.code();
                    String text = readBody(response.body());
                    if (response.isSuccessful()) {
                        return new Reply(parse(url, code, text, attempt), attempt,
                                Duration.ofNanos(time.nanoTime() - start));
                    }
                    last = new ModelClientException(ModelClientException.Kind.HTTP_STATUS, code, attempt,
                            endpoint(url) + " answered HTTP " + code + ": " + snippet(text));
                    if (!retryable(code)) {
                        throw last;
                    }
                    Duration asked = retryAfter(response.header("Retry-After"));
                    wait = asked != null ? min(asked, retry.maxRetryAfter())
                            : retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                } finally {
                    inFlight.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(attempt);
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(attempt);
                }
                last = new ModelClientException(ModelClientException.Kind.TIMEOUT, 0, attempt,
                        endpoint(url) + " did not answer within " + settings.timeout().toMillis() + " ms");
                wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            } catch (IOException e) {
                last = new ModelClientException(ModelClientException.Kind.IO, 0, attempt,
                        endpoint(url) + " connection failed: " + redact(String.valueOf(e.getMessage())));
                wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            }
            if (attempt < retry.maxAttempts()) {
                try {
                    time.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted(attempt);
                }
            }
        }
        throw new ModelClientException(last.kind(), last.statusCode(), last.attempts(),
                last.getMessage() + " (gave up after " + last.attempts() + " attempts)");
    }

    private JsonNode parse(HttpUrl url, int code, String text, int attempt) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ModelClientException(ModelClientException.Kind.BAD_RESPONSE, code, attempt,
                    endpoint(url) + " answered HTTP " + code + " with a body that is not a JSON object: " + snippet(text));
        }
    }

    private static String readBody(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    private static boolean retryable(int code) {
        return code == 408 || code == 409 || code == 429 || code >= 500;
    }

    /** {@code Retry-After} as delta seconds or an HTTP date; {@code null} when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                var date = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(settings.timeSource().now(), date);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeException notDate) {
                return null;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private ModelClientException interrupted(int attempt) {
        return new ModelClientException(ModelClientException.Kind.INTERRUPTED, 0, attempt, "interrupted");
    }

    private String snippet(String text) {
        String s = redact(text.strip().replaceAll("\\s+", " "));
        return s.length() <= MAX_ERROR_BODY ? s : s.substring(0, MAX_ERROR_BODY) + "...";
    }

    String redact(String text) {
        return settings.apiKey().redact(text);
    }

    private static String endpoint(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
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
