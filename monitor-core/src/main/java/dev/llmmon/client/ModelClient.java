package dev.llmmon.client;

import dev.llmmon.spi.Embedder;

/**
 * Sends chat requests to one model endpoint. Implementations are thread-safe, bound their own concurrency and
 * request rate, retry transient failures, and stop calling an endpoint that keeps failing.
 */
public interface ModelClient extends AutoCloseable {

    /**
     * A client of {@code endpoint}'s chat API (Chat Completions or Anthropic Messages, by its provider). The key is
     * looked up now.
     *
     * @throws IllegalStateException when the key's environment variable is required and unset
     */
    static ModelClient create(Endpoint endpoint) {
        return create(endpoint, TimeSource.SYSTEM);
    }

    /** As {@link #create(Endpoint)}, with the clock and sleep used for back-off and rate limits. */
    static ModelClient create(Endpoint endpoint, TimeSource time) {
        return endpoint.provider().speaksOpenAi() ? new OpenAiChatClient(endpoint, time)
                : new AnthropicMessagesClient(endpoint, time);
    }

    /**
     * An embedder over {@code endpoint}'s OpenAI-compatible embeddings API ({@code POST {baseUrl}/embeddings}).
     *
     * @throws IllegalArgumentException when the provider has no such API (Anthropic)
     */
    static Embedder embedder(Endpoint endpoint) {
        return embedder(endpoint, TimeSource.SYSTEM);
    }

    /** As {@link #embedder(Endpoint)}, with the clock and sleep used for back-off and rate limits. */
    static Embedder embedder(Endpoint endpoint, TimeSource time) {
        if (!endpoint.provider().speaksOpenAi()) {
            throw new IllegalArgumentException("provider " + endpoint.provider().id() + " has no embeddings API");
        }
        return new OpenAiEmbedder(endpoint, time);
    }

    /**
     * Sends a request and waits for the reply.
     *
     * @throws ModelClientException when the call failed after retries, or the circuit breaker is open
     */
    ChatResponse send(ChatRequest request);

    /** The model called when a request names none. */
    String model();

    /** Releases connections and threads. */
    @Override
    void close();
}
