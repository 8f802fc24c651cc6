package dev.llmmon.probes;

import dev.llmmon.client.ApiKey;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands an API key to an engine run in the same JVM without putting the secret into a configuration parameter
 * (those end up in reports): {@link #register} returns a reference for {@link Constants#API_KEY_REF}; close the
 * handle when the run is over.
 */
public final class ApiKeyHandoff {
    private static final Map<String, ApiKey> KEYS = new ConcurrentHashMap<>();

    private ApiKeyHandoff() {
    }

    /** Registers {@code key} under a fresh random reference. */
    public static Handle register(ApiKey key) {
        String ref = "key-" + UUID.randomUUID();
        KEYS.put(ref, key);
        return new Handle(ref);
    }

    static Optional<ApiKey> get(String ref) {
        return Optional.ofNullable(KEYS.get(ref));
    }

    /** A registered key; {@link #ref()} goes into {@link Constants#API_KEY_REF}. */
    public static final class Handle implements AutoCloseable {
        private final String ref;

        private Handle(String ref) {
            this.ref = ref;
        }

        public String ref() {
            return ref;
        }

        @Override
        public void close() {
            KEYS.remove(ref);
        }
    }
}
