package dev.llmmon.probes.spi;

import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;

import java.util.Objects;

/**
 * One answer to one probe call, what checks look at.
 *
 * @param request  what was sent
 * @param response what came back
 */
public record Observation(ChatRequest request, ChatResponse response) {
    public Observation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
    }

    /** The user message (the last one sent). */
    public String input() {
        return request.messages().get(request.messages().size() - 1).content();
    }

    /** The answer text, never {@code null}. */
    public String output() {
        return response.text() == null ? "" : response.text();
    }
}
