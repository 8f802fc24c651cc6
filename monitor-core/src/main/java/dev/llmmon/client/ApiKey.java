package dev.llmmon.client;

import java.util.Objects;
import java.util.function.Function;

/**
 * A secret that is never printed: {@link #toString()} is masked, and clients redact the value from any server
 * message they put into an exception.
 */
public final class ApiKey {
    private static final ApiKey NONE = new ApiKey(null, "none");

    private final String value;
    private final String origin;

    private ApiKey(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /** No key: local servers (Ollama, vLLM, LM Studio) usually need none. */
    public static ApiKey none() {
        return NONE;
    }

    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("API key is blank");
        }
        return new ApiKey(value.strip(), "given");
    }

    /** Reads the key from environment variable {@code name}; a clear error when it is unset. */
    public static ApiKey fromEnv(String name) {
        return fromEnv(name, System::getenv);
    }

    /** As {@link #fromEnv(String)}, with the environment lookup supplied (for tests and other secret sources). */
    public static ApiKey fromEnv(String name, Function<String, String> environment) {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set or empty; it should hold the API key");
        }
        return new ApiKey(value.strip(), "env " + name);
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The secret itself; only for building the request header. */
    String reveal() {
        return value;
    }

    /** Replaces every occurrence of the key in {@code text}. */
    String redact(String text) {
        if (text == null || value == null) {
            return text;
        }
        return text.replace(value, "***");
    }

    @Override
    public String toString() {
        return value == null ? "ApiKey[none]" : "ApiKey[*** from " + origin + "]";
    }
}
