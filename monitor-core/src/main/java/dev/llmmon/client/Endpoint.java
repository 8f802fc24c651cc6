package dev.llmmon.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One model endpoint as the judge, the probes and the gate call it: which API it speaks, where it is, which model,
 * where the key comes from, and how hard it may be called. Every provider default lives in {@link Provider};
 * {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * Endpoint judge = Endpoint.builder(Endpoint.Provider.OPENAI, "gpt-4o-mini")
 *         .keySource(KeySource.env("OPENAI_API_KEY"))
 *         .maxConcurrency(8)
 *         .build();
 * }</pre>
 */
public final class Endpoint {
    /** Most calls in flight at once, unless set. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;
    /** Whole-call timeout of one attempt, unless set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Failed calls in a row after which the client stops calling, unless set. */
    public static final int DEFAULT_BREAKER_THRESHOLD = 10;

    /** The wire formats llmmon speaks, each with its public base URL, key variable and key header. */
    public enum Provider {
        /** OpenAI Chat Completions, and the servers that speak it: vLLM, Ollama, LM Studio, LiteLLM. */
        OPENAI("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "Authorization"),
        /** Azure OpenAI's v1 API: the Chat Completions format with the key in an {@code api-key} header. */
        AZURE_OPENAI("azure", null, "AZURE_OPENAI_API_KEY", "api-key"),
        /** Anthropic Messages ({@code x-api-key}, {@code anthropic-version}). */
        ANTHROPIC("anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", "x-api-key");

        private final String id;
        private final String defaultBaseUrl;
        private final String defaultKeyEnv;
        private final String keyHeader;

        Provider(String id, String defaultBaseUrl, String defaultKeyEnv, String keyHeader) {
            this.id = id;
            this.defaultBaseUrl = defaultBaseUrl;
            this.defaultKeyEnv = defaultKeyEnv;
            this.keyHeader = keyHeader;
        }

        /** The name users write: {@code openai}, {@code azure}, {@code anthropic}. */
        public String id() {
            return id;
        }

        /** The public API's base URL; empty for Azure, whose URL names the user's own resource. */
        public Optional<String> defaultBaseUrl() {
            return Optional.ofNullable(defaultBaseUrl);
        }

        /** The environment variable that conventionally holds the key. */
        public String defaultKeyEnv() {
            return defaultKeyEnv;
        }

        /** The header that carries the key; {@code Authorization} means {@code Bearer <key>}. */
        public String keyHeader() {
            return keyHeader;
        }

        /** Whether the provider speaks OpenAI's Chat Completions format. */
        public boolean speaksOpenAi() {
            return this != ANTHROPIC;
        }

        /** Parses {@link #id()}, ignoring case and surrounding blanks. */
        public static Provider parse(String name) {
            String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            for (Provider p : values()) {
                if (p.id.equals(n)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown provider '" + name + "': use openai, azure or anthropic");
        }
    }

    private final Provider provider;
    private final String baseUrl;
    private final String model;
    private final KeySource keySource;
    private final String authHeader;
    private final int maxConcurrency;
    private final int requestsPerMinute;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final int breakerThreshold;

    private Endpoint(Builder b) {
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.model = requireText(b.model, "the endpoint's model is missing");
        this.baseUrl = httpUrl(b.baseUrl != null ? b.baseUrl : provider.defaultBaseUrl().orElseThrow(
                () -> new IllegalArgumentException("provider " + provider.id() + " has no public endpoint: set the base"
                        + " URL (e.g. https://<resource>.openai.azure.com/openai/v1)")));
        this.keySource = b.keySource != null ? b.keySource : KeySource.envIfSet(provider.defaultKeyEnv());
        this.authHeader = b.authHeader != null ? b.authHeader : provider.keyHeader();
        this.maxConcurrency = atLeast(b.maxConcurrency, 1, "maxConcurrency");
        this.requestsPerMinute = atLeast(b.requestsPerMinute, 0, "requestsPerMinute (0 = no limit)");
        this.timeout = Objects.requireNonNull(b.timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.retry = Objects.requireNonNull(b.retry, "retry");
        this.breakerThreshold = atLeast(b.breakerThreshold, 0, "breakerThreshold (0 = never)");
    }

    /** An endpoint of {@code provider} serving {@code model}, every other setting at its default. */
    public static Builder builder(Provider provider, String model) {
        return new Builder().provider(provider).model(model);
    }

    /** A builder starting from this endpoint's settings. */
    public Builder toBuilder() {
        return new Builder().provider(provider).baseUrl(baseUrl).model(model).keySource(keySource)
                .authHeader(authHeader).maxConcurrency(maxConcurrency).requestsPerMinute(requestsPerMinute)
                .timeout(timeout).retry(retry).breakerThreshold(breakerThreshold);
    }

    /** The same endpoint serving another model (a probe run's judge or embedding model). */
    public Endpoint withModel(String otherModel) {
        return toBuilder().model(otherModel).build();
    }

    public Provider provider() {
        return provider;
    }

    /** e.g. {@code https://api.openai.com/v1}, {@code http://localhost:11434/v1} (Ollama), {@code https://api.anthropic.com}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The model called when a request names none. */
    public String model() {
        return model;
    }

    public KeySource keySource() {
        return keySource;
    }

    /**
     * The header carrying the key for OpenAI-format providers: {@code Authorization} sends {@code Bearer <key>}, any
     * other name (Azure's {@code api-key}) the bare key. Anthropic always uses {@code x-api-key}.
     */
    public String authHeader() {
        return authHeader;
    }

    /** Most calls in flight at once. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** Most call starts per minute, 0 for no limit. */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Whole-call timeout of one attempt. */
    public Duration timeout() {
        return timeout;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** After this many failed calls in a row the client stops calling (0 = never). */
    public int breakerThreshold() {
        return breakerThreshold;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && provider == e.provider && baseUrl.equals(e.baseUrl) && model.equals(e.model)
                && keySource.equals(e.keySource) && authHeader.equals(e.authHeader)
                && maxConcurrency == e.maxConcurrency && requestsPerMinute == e.requestsPerMinute
                && timeout.equals(e.timeout) && retry.equals(e.retry) && breakerThreshold == e.breakerThreshold;
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, baseUrl, model, keySource, authHeader, maxConcurrency, requestsPerMinute, timeout,
                retry, breakerThreshold);
    }

    /** Names the key's source, never the key. */
    @Override
    public String toString() {
        return "Endpoint[" + provider.id() + ", " + baseUrl + ", " + model + ", key " + keySource + "]";
    }

    private static String requireText(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return value.strip();
    }

    private static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    private static String httpUrl(String url) {
        String u = requireText(url, "the endpoint's base URL is blank");
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException notAUri) {
            // reported below with the value
        }
        throw new IllegalArgumentException("base URL is not an http(s) URL: " + u);
    }

    /** Collects an endpoint's settings; {@link #build()} checks them. Unset settings take the defaults. */
    public static final class Builder {
        private Provider provider;
        private String baseUrl;
        private String model;
        private KeySource keySource;
        private String authHeader;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int requestsPerMinute;
        private Duration timeout = DEFAULT_TIMEOUT;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private int breakerThreshold = DEFAULT_BREAKER_THRESHOLD;

        private Builder() {
        }

        public Builder provider(Provider p) {
            this.provider = p;
            return this;
        }

        /** {@code null} or blank: the provider's public endpoint. */
        public Builder baseUrl(String url) {
            this.baseUrl = url == null || url.isBlank() ? null : url.strip();
            return this;
        }

        public Builder model(String m) {
            this.model = m;
            return this;
        }

        /** {@code null}: the provider's conventional variable, when set ({@link KeySource#envIfSet}). */
        public Builder keySource(KeySource source) {
            this.keySource = source;
            return this;
        }

        /** {@code null} or blank: the provider's header. */
        public Builder authHeader(String header) {
            this.authHeader = header == null || header.isBlank() ? null : header.strip();
            return this;
        }

        public Builder maxConcurrency(int n) {
            this.maxConcurrency = n;
            return this;
        }

        public Builder requestsPerMinute(int rpm) {
            this.requestsPerMinute = rpm;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public Builder retry(RetryPolicy r) {
            this.retry = r;
            return this;
        }

        public Builder breakerThreshold(int n) {
            this.breakerThreshold = n;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is wrong */
        public Endpoint build() {
            return new Endpoint(this);
        }
    }
}
