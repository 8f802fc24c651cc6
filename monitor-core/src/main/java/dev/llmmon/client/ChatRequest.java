package dev.llmmon.client;

import java.util.List;
import java.util.Objects;

/**
 * A provider-neutral chat request.
 *
 * @param model          model to call; {@code null} uses the client's configured model
 * @param system         system prompt, or {@code null}
 * @param messages       the conversation, at least one message
 * @param temperature    sampling temperature, or {@code null} for the provider default
 * @param maxTokens      most output tokens, or {@code null} for the provider default (Anthropic requires one: 1024 is sent)
 * @param responseFormat text or a JSON object
 */
public record ChatRequest(String model, String system, List<ChatMessage> messages, Double temperature,
                          Integer maxTokens, ResponseFormat responseFormat) {
    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
    }

    /** A system prompt and one user message, provider defaults for everything else. */
    public static ChatRequest of(String system, String userText) {
        return new ChatRequest(null, system, List.of(ChatMessage.user(userText)), null, null, ResponseFormat.TEXT);
    }

    public ChatRequest withModel(String model) {
        return new ChatRequest(model, system, messages, temperature, maxTokens, responseFormat);
    }

    public ChatRequest withTemperature(Double temperature) {
        return new ChatRequest(model, system, messages, temperature, maxTokens, responseFormat);
    }

    public ChatRequest withMaxTokens(Integer maxTokens) {
        return new ChatRequest(model, system, messages, temperature, maxTokens, responseFormat);
    }

    public ChatRequest withResponseFormat(ResponseFormat format) {
        return new ChatRequest(model, system, messages, temperature, maxTokens, format);
    }
}
