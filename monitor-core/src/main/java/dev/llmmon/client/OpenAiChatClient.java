package dev.llmmon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.record.FinishReason;
import okhttp3.Headers;
import okhttp3.HttpUrl;

import java.util.Locale;

/**
 * OpenAI Chat Completions: {@code POST {baseUrl}/chat/completions}. The same wire format is served by Azure OpenAI
 * (v1 API, {@code authHeader = api-key}), vLLM, Ollama ({@code http://localhost:11434/v1}), LM Studio and LiteLLM.
 */
public final class OpenAiChatClient implements ModelClient {
    private final ClientSettings settings;
    private final HttpEndpoint endpoint;
    private final HttpUrl url;

    public OpenAiChatClient(ClientSettings settings) {
        this.settings = settings;
        this.endpoint = new HttpEndpoint(settings);
        this.url = endpoint.url("chat/completions");
    }

    @Override
    public ChatResponse send(ChatRequest request) {
        HttpEndpoint.Reply reply = endpoint.post(url, headers(settings), encode(request));
        return decode(reply);
    }

    static Headers headers(ClientSettings settings) {
        Headers.Builder h = new Headers.Builder().add("Accept", "application/json");
        if (settings.apiKey().isPresent()) {
            boolean bearer = settings.authHeader().equalsIgnoreCase("Authorization");
            h.add(settings.authHeader(), (bearer ? "Bearer " : "") + settings.apiKey().reveal());
        }
        return h.build();
    }

    private ObjectNode encode(ChatRequest r) {
        ObjectNode body = HttpEndpoint.JSON.createObjectNode();
        body.put("model", r.model() != null ? r.model() : settings.model());
        ArrayNode messages = body.putArray("messages");
        if (r.system() != null) {
            messages.addObject().put("role", "system").put("content", r.system());
        }
        for (ChatMessage m : r.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content());
        }
        if (r.temperature() != null) {
            body.put("temperature", r.temperature());
        }
        if (r.maxTokens() != null) {
            body.put("max_tokens", r.maxTokens());
        }
        if (r.responseFormat() == ResponseFormat.JSON_OBJECT) {
            body.putObject("response_format").put("type", "json_object");
        }
        return body;
    }

    private ChatResponse decode(HttpEndpoint.Reply reply) {
        JsonNode body = reply.body();
        JsonNode choice = body.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            throw new ModelClientException(ModelClientException.Kind.BAD_RESPONSE, 200, reply.attempts(),
                    "chat completion has no choices[0].message.content text: "
                            + endpoint.redact(abbreviate(body.toString())));
        }
        String rawFinish = textOrNull(choice.path("finish_reason"));
        JsonNode usage = body.path("usage");
        return new ChatResponse(content.asText(), FinishReason.parse(rawFinish).orElse(null), rawFinish,
                new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)),
                textOrNull(body.path("model")), textOrNull(body.path("system_fingerprint")), reply.latency(),
                reply.attempts());
    }

    static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
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
        return "OpenAiChatClient[" + settings.baseUrl() + ", " + settings.model() + ", " + settings.apiKey() + "]";
    }
}
