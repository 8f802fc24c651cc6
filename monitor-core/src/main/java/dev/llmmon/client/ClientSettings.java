package dev.llmmon.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one model endpoint. {@link #toString()} shows the key masked (see {@link ApiKey}).
 *
 * @param baseUrl           e.g. {@code https://api.openai.com/v1}, {@code http://localhost:11434/v1} (Ollama),
 *                          {@code https://api.anthropic.com}
 * @param model             model called when a request names none
 * @param apiKey            the key, or {@link ApiKey#none()}
 * @param authHeader        header carrying the key: {@code Authorization} sends {@code Bearer <key>}; any other name
 *                          (Azure's {@code api-key}) sends the bare key. Ignored by the Anthropic client ({@code x-api-key}).
 * @param timeout           whole-call timeout of one attempt
 * @param maxConcurrency    most calls in flight at once
 * @param requestsPerMinute most call starts per minute, 0 for no limit
 * @param retry             retry policy
 * @param breakerThreshold  after this many failed calls in a row the client stops calling (0 = never)
 * @param timeSource        clock and sleep
 */
public record ClientSettings(String baseUrl, String model, ApiKey apiKey, String authHeader, Duration timeout,
                             int maxConcurrency, int requestsPerMinute, RetryPolicy retry, int breakerThreshold,
                             TimeSource timeSource) {

    public ClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? ApiKey.none() : apiKey;
        authHeader = authHeader == null || authHeader.isBlank() ? "Authorization" : authHeader;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency);
        }
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must be >= 0 (0 = no limit), was " + requestsPerMinute);
        }
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        if (breakerThreshold < 0) {
            throw new IllegalArgumentException("breakerThreshold must be >= 0 (0 = never), was " + breakerThreshold);
        }
        timeSource = timeSource == null ? TimeSource.SYSTEM : timeSource;
    }

    /** Defaults: 60 s timeout, 4 concurrent calls, no rate limit, {@link RetryPolicy#DEFAULT}, stop after 10 failures in a row. */
    public static ClientSettings of(String baseUrl, String model, ApiKey apiKey) {
        return new ClientSettings(baseUrl, model, apiKey, null, null, 4, 0, null, 10, null);
    }

    /** The transport settings of {@code endpoint}, its key looked up now. */
    static ClientSettings of(Endpoint endpoint, TimeSource time) {
        return new ClientSettings(endpoint.baseUrl(), endpoint.model(), endpoint.keySource().resolve(),
                endpoint.authHeader(), endpoint.timeout(), endpoint.maxConcurrency(), endpoint.requestsPerMinute(),
                endpoint.retry(), endpoint.breakerThreshold(), time);
    }

    public ClientSettings withAuthHeader(String header) {
        return new ClientSettings(baseUrl, model, apiKey, header, timeout, maxConcurrency, requestsPerMinute, retry,
                breakerThreshold, timeSource);
    }

    public ClientSettings withTimeout(Duration t) {
        return new ClientSettings(baseUrl, model, apiKey, authHeader, t, maxConcurrency, requestsPerMinute, retry,
                breakerThreshold, timeSource);
    }

    public ClientSettings withMaxConcurrency(int n) {
        return new ClientSettings(baseUrl, model, apiKey, authHeader, timeout, n, requestsPerMinute, retry,
                breakerThreshold, timeSource);
    }

    public ClientSettings withRequestsPerMinute(int rpm) {
        return new ClientSettings(baseUrl, model, apiKey, authHeader, timeout, maxConcurrency, rpm, retry,
                breakerThreshold, timeSource);
    }

    public ClientSettings withRetry(RetryPolicy r) {
        return new ClientSettings(baseUrl, model, apiKey, authHeader, timeout, maxConcurrency, requestsPerMinute, r,
                breakerThreshold, timeSource);
    }

    public ClientSettings withBreakerThreshold(int n) {
        return new ClientSettings(baseUrl, model, apiKey, authHeader, timeout, maxConcurrency, requestsPerMinute, retry,
                n, timeSource);
    }

    public ClientSettings withTimeSource(TimeSource ts) {
        return new ClientSettings(baseUrl, model, apiKey, authHeader, timeout, maxConcurrency, requestsPerMinute, retry,
                breakerThreshold, ts);
    }
}
