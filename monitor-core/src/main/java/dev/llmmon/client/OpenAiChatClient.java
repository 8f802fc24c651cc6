package dev.llmmon.client;

import dev.llmmon.internal.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.record.FinishReason;

import java.util.Locale;

/**
 * OpenAI Chat Completions: {@code POST {baseUrl}/chat/completions}. The same wire format is served by Azure OpenAI
 * (v1 API, key in {@code api-key}), vLLM, Ollama ({@code http://localhost:11434/v1}), LM Studio and LiteLLM.
 */
final class OpenAiChatClient extends HttpModelClient implements ModelClient {

    OpenAiChatClient(Endpoint endpoint, TimeSource time) {
        super(endpoint, time, "chat/completions");
    }

    @Override
    public ChatResponse send(ChatRequest request) {
        return decode(http.post(url, openAiHeaders(), encode(request)));
    }

    private ObjectNode encode(ChatRequest r) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", r.model() != null ? r.model() : model());
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
                            + http.redact(abbreviate(body.toString())));
        }
        String rawFinish = textOrNull(choice.path("finish_reason"));
        JsonNode usage = body.path("usage");
        return new ChatResponse(content.asText(), FinishReason.parse(rawFinish).orElse(null), rawFinish,
                new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)),
                textOrNull(body.path("model")), textOrNull(body.path("system_fingerprint")), reply.latency(),
                reply.attempts());
    }
}
