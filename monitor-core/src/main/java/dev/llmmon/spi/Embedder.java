package dev.llmmon.spi;

import java.util.List;

/**
 * Turns texts into vectors, one per text, in the order given. Implement it for an offline model and register it in
 * {@code META-INF/services/dev.llmmon.spi.Embedder} (as {@code llmmon-embeddings-minilm} does); the HTTP one is
 * {@code dev.llmmon.client.ModelClient.embedder(Endpoint)}.
 */
public interface Embedder extends AutoCloseable {

    /** @throws RuntimeException when the vectors cannot be computed (HTTP embedders: a {@code ModelClientException}) */
    List<float[]> embed(List<String> texts);

    String model();

    @Override
    void close();
}
