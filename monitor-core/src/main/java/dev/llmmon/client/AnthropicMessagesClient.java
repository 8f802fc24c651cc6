package dev.llmmon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.record.FinishReason;
import okhttp3.Headers;
import okhttp3.HttpUrl;

import java.util.Locale;

/** Anthropic Messages: {@code POST {baseUrl}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
public final class AnthropicMessagesClient implements ModelClient {
    public static final String API_VERSION = "2023-06-01";
    /** Sent when a request names no limit, because the Messages API requires {@code max_tokens}. */
    public static final int DEFAULT_MAX_TOKENS = 1024;

    private final ClientSettings settings;
    private final HttpEndpoint endpoint;
    private final HttpUrl url;

    public AnthropicMessagesClient(ClientSettings settings) {
        this.settings = settings;
        this.endpoint = new HttpEndpoint(settings);
        this.url = endpoint.url("v1/messages");
    }

    @Override
    public ChatResponse send(ChatRequest request) {
        Headers.Builder h = new Headers.Builder().add("Accept", "application/json").add("anthropic-version", API_VERSION);
        if (settings.apiKey().isPresent()) {
            h.add("x-api-key", settings.apiKey().reveal());
        }
        return decode(endpoint.post(url, h.build(), encode(request)));
    }

    private ObjectNode encode(ChatRequest r) {
        ObjectNode body = HttpEndpoint.JSON.createObjectNode();
        body.put("model", r.model() != null ? r.model() : settings.model());
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
                    "message has no content array: " + endpoint.redact(OpenAiChatClient.abbreviate(body.toString())));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        }
        String rawStop = OpenAiChatClient.textOrNull(body.path("stop_reason"));
        JsonNode usage = body.path("usage");
        return new ChatResponse(text.toString(), FinishReason.parse(rawStop).orElse(null), rawStop,
                new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0)),
                OpenAiChatClient.textOrNull(body.path("model")), null, reply.latency(), reply.attempts());
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "AnthropicMessagesClient[" + settings.baseUrl() + ", " + settings.model() + ", " + settings.apiKey() + "]";
    }
}
