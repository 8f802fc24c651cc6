package dev.llmmon.client;

import dev.llmmon.internal.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.spi.Embedder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** OpenAI-compatible embeddings: {@code POST {baseUrl}/embeddings}, float vectors, one per input, in input order. */
final class OpenAiEmbedder extends HttpModelClient implements Embedder {

    OpenAiEmbedder(Endpoint endpoint, TimeSource time) {
        super(endpoint, time, "embeddings");
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model());
        texts.forEach(body.putArray("input")::add);
        body.put("encoding_format", "float");
        HttpEndpoint.Reply reply = http.post(url, openAiHeaders(), body);
        float[][] out = new float[texts.size()][];
        for (JsonNode item : reply.body().path("data")) {
            int index = item.path("index").asInt(-1);
            JsonNode vector = item.path("embedding");
            if (index < 0 || index >= out.length || !vector.isArray()) {
                throw bad(reply, "embedding item without a valid index and float array");
            }
            float[] v = new float[vector.size()];
            for (int i = 0; i < v.length; i++) {
                if (!vector.get(i).isNumber()) {
                    throw bad(reply, "embedding " + index + " holds a non-number");
                }
                v[i] = (float) vector.get(i).asDouble();
            }
            out[index] = v;
        }
        if (Arrays.stream(out).anyMatch(v -> v == null)) {
            throw bad(reply, "expected " + texts.size() + " embeddings");
        }
        return new ArrayList<>(Arrays.asList(out));
    }

    private static ModelClientException bad(HttpEndpoint.Reply reply, String what) {
        return new ModelClientException(ModelClientException.Kind.BAD_RESPONSE, 200, reply.attempts(), what);
    }
}
