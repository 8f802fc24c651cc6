package dev.llmmon.client;

/**
 * Sends chat requests to one model endpoint. Implementations are thread-safe, bound their own concurrency and
 * request rate, retry transient failures, and stop calling an endpoint that keeps failing.
 */
public interface ModelClient extends AutoCloseable {

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
