package dev.llmmon.client;

import dev.llmmon.internal.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.record.FinishReason;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Anthropic Messages: {@code POST {baseUrl}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
final class AnthropicMessagesClient extends HttpModelClient implements ModelClient {
    static final String API_VERSION = "2023-06-01";
    /** Sent when a request names no limit, because the Messages API requires {@code max_tokens}. */
    static final int DEFAULT_MAX_TOKENS = 1024;

    AnthropicMessagesClient(Endpoint endpoint, TimeSource time) {
        super(endpoint, time, "v1/messages");
    }

    @Override
    public ChatResponse send(ChatRequest request) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        h.put("anthropic-version", API_VERSION);
        if (http.apiKey().isPresent()) {
            h.put("x-api-key", http.apiKey().reveal());
        }
        return decode(http.post(url, h, encode(request)));
    }

    private ObjectNode encode(ChatRequest r) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", r.model() != null ? r.model() : model());
        body.put("max_tokens", r.maxTokens() != null ? r.maxTokens() : DEFAULT_MAX_TOKENS);
        if (r.system() != null) {
            body.put("system", r.system());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : r.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
        }
        if (r.temperature() != null) {
            body.put("temperature", r.temperature());
        }
        return body;
    }

    private ChatResponse decode(HttpEndpoint.Reply reply) {
        JsonNode body = reply.body();
        JsonNode content = body.path("content");
        if (!content.isArray()) {
            throw new ModelClientException(ModelClientException.Kind.BAD_RESPONSE, 200, reply.attempts(),
                    "message has no content array: " + http.redact(abbreviate(body.toString())));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        }
        String rawStop = textOrNull(body.path("stop_reason"));
        JsonNode usage = body.path("usage");
        return new ChatResponse(text.toString(), FinishReason.parse(rawStop).orElse(null), rawStop,
                new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0)),
                textOrNull(body.path("model")), null, reply.latency(), reply.attempts());
    }
}
