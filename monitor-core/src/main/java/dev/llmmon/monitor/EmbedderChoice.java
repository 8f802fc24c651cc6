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
 * Which embedder input drift uses: {@code auto} (the offline model when it is on the class path, else no input
 * drift), {@code none}, {@code minilm} (the offline model, found as an {@link Embedder} service whose model is an
 * {@code all-minilm} alias, required) or {@code openai} (an OpenAI-compatible endpoint).
 *
 * @param kind      {@code auto}, {@code none}, {@code minilm} or {@code openai}
 * @param rate      share of requests whose input is embedded
 * @param baseUrl   for {@code openai}: the API's base URL
 * @param model     for {@code openai}: the embedding model
 * @param apiKeyEnv for {@code openai}: the environment variable holding the key
 */
public record EmbedderChoice(String kind, double rate, String baseUrl, String model, String apiKeyEnv) {
    public EmbedderChoice {
        kind = kind == null ? "none" : kind.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("auto") && !kind.equals("none") && !kind.equals("minilm") && !kind.equals("openai")) {
            throw new IllegalArgumentException("inputDrift is auto, none, minilm or openai, not '" + kind + "'");
        }
    }

    public static EmbedderChoice none() {
        return new EmbedderChoice("none", 0.10, null, null, null);
    }

    /** The offline model when a {@code ServiceLoader} finds it, else no input drift: the Maven goal's default. */
    public static EmbedderChoice auto() {
        return new EmbedderChoice("auto", 0.10, null, null, null);
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

    /**
     * What {@link #open} does, in a sentence for the run's log and report.
     *
     * @param embedder the embedder that was opened, {@code null} when input drift is off
     */
    public String describe(Embedder embedder) {
        String off = " (llmmon.inputDrift=none turns it off)";
        if (embedder == null) {
            return kind.equals("auto")
                    ? "input drift off: no offline embedder on the class path (llmmon.inputDrift=auto; add"
                            + " dev.llmmon:llmmon-embeddings-minilm as a plugin dependency, or use inputDrift=openai)"
                    : "input drift off (llmmon.inputDrift=none)";
        }
        String sample = String.format(Locale.ROOT, "%.0f%% of inputs", rate * 100);
        return kind.equals("auto")
                ? "input drift on by default: the offline embedder " + embedder.model() + " was found on the class"
                        + " path; " + sample + " embedded" + off
                : "input drift on with " + embedder.model() + " (llmmon.inputDrift=" + kind + "); " + sample
                        + " embedded";
    }

    /** The embedder, {@code null} when off; the caller closes it. */
    public Embedder open(ClassLoader loader) {
        return switch (kind) {
            case "auto" -> offline(loader);
            case "openai" -> ModelClient.embedder(Endpoint.builder(Endpoint.Provider.OPENAI, model)
                    .baseUrl(baseUrl).keySource(KeySource.env(apiKeyEnv)).build());
            case "minilm" -> {
                Embedder found = offline(loader);
                if (found == null) {
                    throw new IllegalArgumentException("inputDrift=minilm needs the offline "
                            + "model: add dev.llmmon:llmmon-embeddings-minilm as a <dependency> of the plugin");
                }
                yield found;
            }
            default -> null;
        };
    }

    private static Embedder offline(ClassLoader loader) {
        return ServiceLoader.load(Embedder.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(e -> e.model().startsWith("all-minilm"))
                .findFirst()
                .orElse(null);
    }
}
