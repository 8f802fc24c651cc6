package dev.llmmon.probes;

import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.probes.run.RunMode;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The engine's settings, read once from the {@link ConfigurationParameters} (keys in {@link Constants}). The model
 * endpoint is core's {@link Endpoint}, so its defaults (base URL and key variable per provider, concurrency, timeout)
 * live there only.
 *
 * @param endpoint  the probed model's endpoint; {@code null} when {@link Constants#MODEL} is unset
 * @param apiKeyRef a key handed over through {@link ApiKeyHandoff}, resolved when the session opens; wins over the
 *                  endpoint's key source
 * @param repeat    calls per probe replacing each probe's own ({@link Constants#REPEAT}); {@code null}: each its own
 */
record LlmmonConfiguration(RunMode mode, Endpoint endpoint, String apiKeyRef, String cassette, List<String> probeDirs,
                           String judgeModel, String embeddingModel, Path history, String runId, Integer repeat) {

    static LlmmonConfiguration from(ConfigurationParameters p) {
        String cassette = text(p, Constants.CASSETTE);
        RunMode mode = p.get(Constants.MODE).filter(s -> !s.isBlank()).map(RunMode::parse)
                .orElse(cassette != null ? RunMode.REPLAY : RunMode.LIVE);
        Endpoint.Provider provider = Endpoint.Provider.parse(p.get(Constants.PROVIDER).orElse(Endpoint.Provider.OPENAI.id()));
        String model = text(p, Constants.MODEL);
        Endpoint endpoint = null;
        if (model != null) {
            Endpoint.Builder b = Endpoint.builder(provider, model).baseUrl(text(p, Constants.BASE_URL));
            Optional.ofNullable(text(p, Constants.API_KEY_ENV)).ifPresent(env -> b.keySource(KeySource.env(env)));
            integer(p, Constants.MAX_CONCURRENCY, 1).ifPresent(b::maxConcurrency);
            integer(p, Constants.REQUESTS_PER_MINUTE, 0).ifPresent(b::requestsPerMinute);
            integer(p, Constants.TIMEOUT_SECONDS, 1).ifPresent(s -> b.timeout(Duration.ofSeconds(s)));
            endpoint = b.build();
        }
        // probe and eval-case folders replace the request's selectors alike: a file's ending says what it holds
        List<String> dirs = java.util.stream.Stream.of(Constants.PROBES_DIRS, Constants.EVALS_DIRS)
                .flatMap(key -> p.get(key).stream())
                .flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::strip).filter(x -> !x.isEmpty()).distinct().toList();
        return new LlmmonConfiguration(mode, endpoint, text(p, Constants.API_KEY_REF), cassette, dirs,
                text(p, Constants.JUDGE_MODEL), text(p, Constants.EMBEDDING_MODEL),
                Optional.ofNullable(text(p, Constants.HISTORY)).map(Path::of).orElse(null), text(p, Constants.RUN_ID),
                integer(p, Constants.REPEAT, 1).orElse(null));
    }

    /** The value stripped; {@code null} when unset or blank. */
    private static String text(ConfigurationParameters p, String key) {
        return p.get(key).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    private static Optional<Integer> integer(ConfigurationParameters p, String key, int min) {
        String v = text(p, key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new NumberFormatException();
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer >= " + min + ", was '" + p.get(key).get() + "'");
        }
    }
}
