package dev.llmmon.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;
import dev.llmmon.record.RequestRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * USD prices per million input and output tokens by model. Used only when a record carries no {@code cost_usd};
 * a model with no price gives an unknown cost, never 0.
 */
public final class PricingTable {
    /** Price of one model, USD per 1M tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public double cost(long inputTokens, long outputTokens) {
            return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000d;
        }
    }

    private static final Price NONE = new Price(Double.NaN, Double.NaN);

    private final Map<String, Price> prices;
    private final String source;
    private final String asOf;
    private final Map<String, Price> resolved = new ConcurrentHashMap<>();

    private PricingTable(Map<String, Price> prices, String source, String asOf) {
        this.prices = Map.copyOf(prices);
        this.source = source;
        this.asOf = asOf;
    }

    /** The table shipped with llmmon ({@code dev/llmmon/pricing.yaml}). */
    public static PricingTable defaults() {
        try (InputStream in = PricingTable.class.getResourceAsStream("/dev/llmmon/pricing.yaml")) {
            return parse(Json.YAML.readTree(in), "dev/llmmon/pricing.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PricingTable empty() {
        return new PricingTable(Map.of(), "none", "");
    }

    /** The defaults with the entries of {@code file} (YAML or JSON, same shape) added or replacing them. */
    public static PricingTable defaultsWith(Path file) {
        try {
            PricingTable extra = parse(Json.YAML.readTree(Files.readString(file)), file.toString());
            PricingTable base = defaults();
            Map<String, Price> merged = new HashMap<>(base.prices);
            merged.putAll(extra.prices);
            return new PricingTable(merged, extra.source + "; then " + base.source, extra.asOf);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read pricing file " + file, e);
        }
    }

    public static PricingTable of(Map<String, Price> prices) {
        return new PricingTable(prices, "given", "");
    }

    private static PricingTable parse(JsonNode root, String name) {
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isObject()) {
            throw new IllegalArgumentException(name + ": a pricing table needs a 'models' object");
        }
        Map<String, Price> prices = new LinkedHashMap<>();
        models.fields().forEachRemaining(e -> {
            JsonNode in = e.getValue().get("input");
            JsonNode out = e.getValue().get("output");
            if (in == null || out == null || !in.isNumber() || !out.isNumber()
                    || in.doubleValue() < 0 || out.doubleValue() < 0) {
                throw new IllegalArgumentException(name + ": model '" + e.getKey()
                        + "' needs numeric, non-negative 'input' and 'output' prices (USD per 1M tokens)");
            }
            prices.put(e.getKey(), new Price(in.doubleValue(), out.doubleValue()));
        });
        return new PricingTable(prices, root.path("source").asText(name), root.path("as_of").asText(""));
    }

    public String source() {
        return source;
    }

    public String asOf() {
        return asOf;
    }

    /** The price for a model id: exact, else the longest entry followed by '-'; a 'provider/' prefix is ignored. */
    public Optional<Price> priceOf(String modelId) {
        Price p = resolved.computeIfAbsent(modelId, this::resolve);
        return p == NONE ? Optional.empty() : Optional.of(p);
    }

    private Price resolve(String modelId) {
        String id = modelId.substring(modelId.indexOf('/') + 1);
        Price exact = prices.get(id);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String key : prices.keySet()) {
            if (id.startsWith(key + "-") && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? NONE : prices.get(best);
    }

    /** The logged cost, else the priced cost, else {@code null} (unknown). */
    public Double costOf(RequestRecord r) {
        if (r.costUsd() != null) {
            return r.costUsd();
        }
        return priceOf(r.modelId()).map(p -> p.cost(r.inputTokens(), r.outputTokens())).orElse(null);
    }
}
