package dev.llmmon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmmon.record.FinishReason;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "sk-test-SECRET-0123456789";
    static final String OPENAI_OK = """
            {"id":"c1","model":"gpt-4o-2024-08-06","system_fingerprint":"fp_abc",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";

    MockWebServer server;
    FakeTime time;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        time = new FakeTime(Instant.parse("2026-11-20T13:00:00Z"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Endpoint.Builder settings() {
        return openAi(server.url("/v1").toString(), "gpt-4o", KeySource.secret(KEY))
                .retry(new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 0, Duration.ofMinutes(2)));
    }

    static Endpoint.Builder openAi(String baseUrl, String model, KeySource key) {
        return Endpoint.builder(Endpoint.Provider.OPENAI, model).baseUrl(baseUrl).keySource(key);
    }

    ModelClient client(Endpoint.Builder endpoint) {
        return ModelClient.create(endpoint.build(), time);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void openAiWireFormat() throws Exception {
        server.enqueue(json(200, OPENAI_OK));
        try (var client = client(settings())) {
            ChatResponse r = client.send(ChatRequest.of("be strict", "hi").withTemperature(0.0).withMaxTokens(50)
                    .withResponseFormat(ResponseFormat.JSON_OBJECT));
            assertThat(r.text()).isEqualTo("hello");
            assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
            assertThat(r.rawFinishReason()).isEqualTo("stop");
            assertThat(r.usage()).isEqualTo(new Usage(12, 3));
            assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
            assertThat(r.systemFingerprint()).isEqualTo("fp_abc");
            assertThat(r.attempts()).isEqualTo(1);
        }
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(req.getBody().utf8());
        assertThat(body).isEqualTo(JSON.readTree("""
                {"model":"gpt-4o","messages":[{"role":"system","content":"be strict"},{"role":"user","content":"hi"}],
                 "temperature":0.0,"max_tokens":50,"response_format":{"type":"json_object"}}"""));
    }

    @Test
    void azureStyleKeyHeaderAndQueryArePreserved() throws Exception {
        server.enqueue(json(200, OPENAI_OK));
        String base = server.url("/openai/v1/").toString() + "?api-version=preview";
        try (var client = client(openAi(base, "dep", KeySource.secret(KEY)).authHeader("api-key"))) {
            client.send(ChatRequest.of(null, "hi"));
        }
        RecordedRequest req = server.takeRequest();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
        assertThat(req.getUrl().queryParameter("api-version")).isEqualTo("preview");
        assertThat(req.getHeaders().get("api-key")).isEqualTo(KEY);
        assertThat(req.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void localServerWithoutKeySendsNoAuthHeader() throws Exception {
        server.enqueue(json(200, OPENAI_OK));
        try (var client = client(openAi(server.url("/v1").toString(), "llama3", KeySource.none()))) {
            client.send(ChatRequest.of(null, "hi"));
        }
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void anthropicWireFormat() throws Exception {
        server.enqueue(json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"hel"},{"type":"text","text":"lo"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":20,"output_tokens":4}}"""));
        var s = Endpoint.builder(Endpoint.Provider.ANTHROPIC, "claude-sonnet-4-5").baseUrl(server.url("/").toString())
                .keySource(KeySource.secret(KEY));
        try (var client = client(s)) {
            ChatResponse r = client.send(ChatRequest.of("be strict", "hi").withTemperature(0.0)
                    .withResponseFormat(ResponseFormat.JSON_OBJECT));
            assertThat(r.text()).isEqualTo("hello");
            assertThat(r.finishReason()).isEqualTo(FinishReason.END_TURN);
            assertThat(r.usage()).isEqualTo(new Usage(20, 4));
            assertThat(r.model()).isEqualTo("claude-sonnet-4-5");
        }
        RecordedRequest req = server.takeRequest();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(req.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(req.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(req.getHeaders().get("Authorization")).isNull();
        assertThat(JSON.readTree(req.getBody().utf8())).isEqualTo(JSON.readTree("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"be strict",
                 "messages":[{"role":"user","content":"hi"}],"temperature":0.0}"""));
    }

    @Test
    void honoursRetryAfterSecondsOn429() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("slow down").build());
        server.enqueue(json(200, OPENAI_OK));
        try (var client = client(settings())) {
            assertThat(client.send(ChatRequest.of(null, "hi")).attempts()).isEqualTo(2);
        }
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void honoursRetryAfterHttpDate() {
        String in42s = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.now().plusSeconds(42).atZone(ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", in42s).build());
        server.enqueue(json(200, OPENAI_OK));
        try (var client = client(settings())) {
            client.send(ChatRequest.of(null, "hi"));
        }
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void retries5xxWithExponentialBackoff() {
        server.enqueue(json(500, "{}"));
        server.enqueue(json(502, "{}"));
        server.enqueue(json(200, OPENAI_OK));
        try (var client = client(settings())) {
            assertThat(client.send(ChatRequest.of(null, "hi")).text()).isEqualTo("hello");
        }
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void jitterStaysWithinItsFraction() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(3), 0.5, Duration.ofMinutes(1));
        assertThat(p.backoff(1, 0.999)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(3)); // 4 s capped at 3 s
    }

    @Test
    void timeoutIsRetried() {
        server.enqueue(new MockResponse.Builder().code(200).body(OPENAI_OK).headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(json(200, OPENAI_OK));
        try (var client = client(settings().timeout(Duration.ofMillis(300)))) {
            ChatResponse r = client.send(ChatRequest.of(null, "hi"));
            assertThat(r.attempts()).isEqualTo(2);
        }
        assertThat(time.sleeps).hasSize(1);
    }

    @Test
    void timeoutEveryTimeFailsWithTimeoutKind() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(200).body(OPENAI_OK).headersDelay(3, TimeUnit.SECONDS).build());
        }
        var s = settings().timeout(Duration.ofMillis(200))
                .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO));
        try (var client = client(s)) {
            assertThatThrownBy(() -> client.send(ChatRequest.of(null, "hi")))
                    .isInstanceOfSatisfying(ModelClientException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ModelClientException.Kind.TIMEOUT);
                        assertThat(e.attempts()).isEqualTo(2);
                    })
                    .hasMessageContaining("gave up after 2 attempts");
        }
    }

    @Test
    void clientErrorsAreNotRetriedAndNeverShowTheKey() {
        server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        Endpoint s = settings().build();
        try (var client = ModelClient.create(s, time)) {
            assertThatThrownBy(() -> client.send(ChatRequest.of(null, "hi")))
                    .isInstanceOfSatisfying(ModelClientException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("HTTP 401").contains("***").doesNotContain(KEY);
                        assertThat(String.valueOf(e)).doesNotContain(KEY);
                    });
            assertThat(client.toString()).doesNotContain(KEY).contains("***");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(s.toString()).doesNotContain(KEY);
        assertThat(ApiKey.fromEnv("LLMMON_TEST_KEY", Map.of("LLMMON_TEST_KEY", KEY)::get).toString())
                .doesNotContain(KEY).contains("LLMMON_TEST_KEY");
        assertThatThrownBy(() -> ApiKey.fromEnv("LLMMON_UNSET", name -> null)).hasMessageContaining("LLMMON_UNSET");
    }

    @Test
    void nonJsonSuccessBodyIsABadResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>proxy login</html>").build());
        try (var client = client(settings())) {
            assertThatThrownBy(() -> client.send(ChatRequest.of(null, "hi")))
                    .isInstanceOfSatisfying(ModelClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelClientException.Kind.BAD_RESPONSE))
                    .hasMessageContaining("not a JSON object");
        }
    }

    @Test
    void circuitBreakerStopsCallingAFailingEndpoint() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(json(500, "{\"error\":\"down\"}"));
        }
        var s = settings().breakerThreshold(2)
                .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO));
        try (var client = client(s)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.send(ChatRequest.of(null, "hi")))
                        .isInstanceOfSatisfying(ModelClientException.class,
                                e -> assertThat(e.kind()).isEqualTo(ModelClientException.Kind.HTTP_STATUS));
            }
            assertThatThrownBy(() -> client.send(ChatRequest.of(null, "hi")))
                    .isInstanceOfSatisfying(ModelClientException.class,
                            e -> assertThat(e.kind()).isEqualTo(ModelClientException.Kind.CIRCUIT_OPEN))
                    .hasMessageContaining("2 failed calls in a row").hasMessageContaining("HTTP 500");
        }
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void rateLimiterSpacesCallStarts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, OPENAI_OK));
        }
        try (var client = client(settings().requestsPerMinute(30))) {
            for (int i = 0; i < 3; i++) {
                client.send(ChatRequest.of(null, "hi"));
            }
        }
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void embeddingsComeBackInInputOrder() throws Exception {
        server.enqueue(json(200, """
                {"object":"list","model":"text-embedding-3-small","data":[
                  {"object":"embedding","index":1,"embedding":[0.5,-1.0]},
                  {"object":"embedding","index":0,"embedding":[0.25,2]}],
                 "usage":{"prompt_tokens":4,"total_tokens":4}}"""));
        try (var embedder = ModelClient.embedder(openAi(server.url("/v1").toString(), "text-embedding-3-small",
                KeySource.secret(KEY)).build(), time)) {
            List<float[]> v = embedder.embed(List.of("a", "b"));
            assertThat(v.get(0)).containsExactly(0.25f, 2f);
            assertThat(v.get(1)).containsExactly(0.5f, -1f);
        }
        RecordedRequest req = server.takeRequest();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
        assertThat(JSON.readTree(req.getBody().utf8())).isEqualTo(JSON.readTree(
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"float\"}"));
    }
}
