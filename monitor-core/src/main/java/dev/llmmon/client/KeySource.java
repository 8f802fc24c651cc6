package dev.llmmon.client;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where an endpoint's API key comes from: an environment variable, a secret handed over by the caller (a Maven
 * {@code settings.xml} server, a vault), or nowhere. The key is looked up only when a client is created, and no
 * {@code toString()} ever shows it.
 */
public sealed interface KeySource {

    /** The key from environment variable {@code name}; creating a client fails clearly when it is unset. */
    static KeySource env(String name) {
        return new Env(name, true);
    }

    /** The key from environment variable {@code name} when it is set, else no key (local servers need none). */
    static KeySource envIfSet(String name) {
        return new Env(name, false);
    }

    /** A secret the caller already holds. */
    static KeySource secret(ApiKey key) {
        return new Secret(key);
    }

    /** A secret the caller already holds, e.g. a decrypted {@code settings.xml} password. */
    static KeySource secret(String value) {
        return new Secret(ApiKey.of(value));
    }

    /** No key at all. */
    static KeySource none() {
        return None.INSTANCE;
    }

    /** Looks the key up in the process environment. */
    default ApiKey resolve() {
        return resolve(System::getenv);
    }

    /** Looks the key up with {@code environment} standing for the process environment. */
    ApiKey resolve(Function<String, String> environment);

    /**
     * An environment variable.
     *
     * @param name     the variable
     * @param required whether an unset variable is an error (else it means no key)
     */
    record Env(String name, boolean required) implements KeySource {
        public Env {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("the name of the API key's environment variable is blank");
            }
            name = name.strip();
        }

        @Override
        public ApiKey resolve(Function<String, String> environment) {
            if (required) {
                return ApiKey.fromEnv(name, environment);
            }
            String value = environment.apply(name);
            return value == null || value.isBlank() ? ApiKey.none() : ApiKey.fromEnv(name, environment);
        }

        @Override
        public String toString() {
            return "env " + name + (required ? "" : " (if set)");
        }
    }

    /** A secret the caller holds; its {@code toString()} is masked by {@link ApiKey}. */
    record Secret(ApiKey key) implements KeySource {
        public Secret {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public ApiKey resolve(Function<String, String> environment) {
            return key;
        }

        @Override
        public String toString() {
            return key.toString();
        }
    }

    /** No key. */
    enum None implements KeySource {
        INSTANCE;

        @Override
        public ApiKey resolve(Function<String, String> environment) {
            return ApiKey.none();
        }

        @Override
        public String toString() {
            return "no key";
        }
    }
}
