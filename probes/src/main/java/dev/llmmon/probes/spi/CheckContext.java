package dev.llmmon.probes.spi;

import dev.llmmon.client.ModelClient;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.spi.Embedder;

import java.util.Optional;

/**
 * What checks may use besides the answer.
 *
 * @param judge    client for {@code rubric} checks, {@code null} when none is configured
 * @param embedder embedder for {@code similar}/{@code not-similar}, {@code null} when none is configured
 * @param pricing  prices for {@code cost} checks that carry none of their own
 */
public record CheckContext(ModelClient judge, Embedder embedder, PricingTable pricing) {
    public CheckContext {
        pricing = pricing == null ? PricingTable.defaults() : pricing;
    }

    public static CheckContext none() {
        return new CheckContext(null, null, null);
    }

    public Optional<ModelClient> judgeClient() {
        return Optional.ofNullable(judge);
    }

    public Optional<Embedder> embedderClient() {
        return Optional.ofNullable(embedder);
    }
}
