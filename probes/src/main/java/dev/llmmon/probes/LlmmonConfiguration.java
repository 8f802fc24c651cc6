package dev.llmmon.probes;

import dev.llmmon.probes.run.RunMode;
import org.junit.platform.engine.ConfigurationParameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The engine's settings, read once from the {@link ConfigurationParameters} (keys in {@link Constants}). */
record LlmmonConfiguration(RunMode mode, String provider, String baseUrl, String model, String apiKeyEnv,
                           boolean apiKeyRequired, String apiKeyRef, String cassette, List<String> probeDirs, String judgeModel,
                           String embeddingModel, Path history, int maxConcurrency, int requestsPerMinute,
                           Duration timeout, String runId) {

    static LlmmonConfiguration from(ConfigurationParameters p) {
        String cassette = p.get(Constants.CASSETTE).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        RunMode mode = p.get(Constants.MODE).filter(s -> !s.isBlank()).map(RunMode::parse)
                .orElse(cassette != null ? RunMode.REPLAY : RunMode.LIVE);
        String provider = p.get(Constants.PROVIDER).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("openai");
        if (!provider.equals("openai") && !provider.equals("anthropic")) {
            throw new IllegalArgumentException(Constants.PROVIDER + " must be openai or anthropic, was '" + provider + "'");
        }
        boolean anthropic = provider.equals("anthropic");
        String baseUrl = p.get(Constants.BASE_URL).filter(s -> !s.isBlank())
                .orElse(anthropic ? "https://api.anthropic.com" : "https://api.openai.com/v1");
        Optional<String> keyEnv = p.get(Constants.API_KEY_ENV).filter(s -> !s.isBlank());
        List<String> dirs = p.get(Constants.PROBES_DIRS).map(s -> Arrays.stream(s.split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        return new LlmmonConfiguration(mode, provider, baseUrl, p.get(Constants.MODEL).filter(s -> !s.isBlank()).orElse(null),
                keyEnv.orElse(anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"), keyEnv.isPresent(),
                p.get(Constants.API_KEY_REF).map(String::strip).filter(s -> !s.isEmpty()).orElse(null), cassette, dirs,
                p.get(Constants.JUDGE_MODEL).filter(s -> !s.isBlank()).orElse(null),
                p.get(Constants.EMBEDDING_MODEL).filter(s -> !s.isBlank()).orElse(null),
                p.get(Constants.HISTORY).filter(s -> !s.isBlank()).map(Path::of).orElse(null),
                positive(p, Constants.MAX_CONCURRENCY, 4, 1), positive(p, Constants.REQUESTS_PER_MINUTE, 0, 0),
                Duration.ofSeconds(positive(p, Constants.TIMEOUT_SECONDS, 60, 1)),
                p.get(Constants.RUN_ID).filter(s -> !s.isBlank()).orElse(null));
    }

    private static int positive(ConfigurationParameters p, String key, int fallback, int min) {
        Optional<String> v = p.get(key);
        if (v.isEmpty() || v.get().isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get().strip());
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer >= " + min + ", was '" + v.get() + "'");
        }
    }
}
