package dev.llmmon.monitor;

import dev.llmmon.client.ApiKey;
import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.spi.Embedder;
import dev.llmmon.client.ModelClient;
import dev.llmmon.drift.InputDrift;

import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Which embedder input drift uses: {@code none}, {@code minilm} (the offline model, found as an {@link Embedder}
 * service whose model is an {@code all-minilm} alias) or {@code openai} (an OpenAI-compatible endpoint).
 *
 * @param kind      {@code none}, {@code minilm} or {@code openai}
 * @param rate      share of requests whose input is embedded
 * @param baseUrl   for {@code openai}: the API's base URL
 * @param model     for {@code openai}: the embedding model
 * @param apiKeyEnv for {@code openai}: the environment variable holding the key
 */
public record EmbedderChoice(String kind, double rate, String baseUrl, String model, String apiKeyEnv) {
    public EmbedderChoice {
        kind = kind == null ? "none" : kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("none") && !kind.equals("minilm") && !kind.equals("openai")) {
            throw new IllegalArgumentException("inputDrift is none, minilm or openai, not '" + kind + "'");
        }
    }

    public static EmbedderChoice none() {
        return new EmbedderChoice("none", 0.10, null, null, null);
    }

    public boolean enabled() {
        return !kind.equals("none");
    }

    /** How inputs are sampled: the default plan at this rate. */
    public InputDrift.Plan plan() {
        InputDrift.Plan defaults = InputDrift.Plan.defaults();
        return new InputDrift.Plan(rate, defaults.perDay(), defaults.referenceDays(), defaults.alpha(),
                defaults.permutations());
    }

    /** The embedder, {@code null} when off; the caller closes it. */
    public Embedder open(ClassLoader loader) {
        return switch (kind) {
            case "openai" -> ModelClient.embedder(Endpoint.builder(Endpoint.Provider.OPENAI, model)
                    .baseUrl(baseUrl).keySource(KeySource.env(apiKeyEnv)).build());
            case "minilm" -> ServiceLoader.load(Embedder.class, loader).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(e -> e.model().startsWith("all-minilm"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("inputDrift=minilm needs the offline "
                            + "model: add dev.llmmon:llmmon-embeddings-minilm as a <dependency> of the plugin"));
            default -> null;
        };
    }
}
