package dev.llmmon.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the HTTP clients of one endpoint share: its {@link HttpEndpoint}, the URL they post to, model, close, name. */
abstract class HttpModelClient implements AutoCloseable {
    final HttpEndpoint http;
    final String url;

    HttpModelClient(Endpoint endpoint, TimeSource time, String path) {
        this.http = new HttpEndpoint(endpoint, time);
        this.url = http.url(path);
    }

    /** The OpenAI-format headers: the key as {@code Bearer} in {@code Authorization}, bare in any other header. */
    Map<String, String> openAiHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        if (http.apiKey().isPresent()) {
            String header = http.endpoint().authHeader();
            h.put(header, (header.equalsIgnoreCase("Authorization") ? "Bearer " : "") + http.apiKey().reveal());
        }
        return h;
    }

    static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    public String model() {
        return http.endpoint().model();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Names the endpoint; the key shows masked. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + http + "]";
    }
}
