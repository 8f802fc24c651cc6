package dev.llmmon.client;

import java.util.List;

/** Turns texts into vectors, one per text, in the order given. */
public interface Embedder extends AutoCloseable {

    /** @throws ModelClientException when the call failed after retries */
    List<float[]> embed(List<String> texts);

    String model();

    @Override
    void close();
}
