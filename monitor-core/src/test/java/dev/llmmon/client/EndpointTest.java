package dev.llmmon.client;

import dev.llmmon.client.Endpoint.Provider;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointTest {
    static final String KEY = "sk-endpoint-SECRET-42";

    @Test
    void providerDefaults() {
        Endpoint openAi = Endpoint.builder(Provider.OPENAI, "gpt-4o-mini").build();
        assertThat(openAi.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openAi.authHeader()).isEqualTo("Authorization");
        assertThat(openAi.keySource()).isEqualTo(KeySource.envIfSet("OPENAI_API_KEY"));
        assertThat(openAi.maxConcurrency()).isEqualTo(4);
        assertThat(openAi.requestsPerMinute()).isZero();
        assertThat(openAi.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(openAi.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(openAi.breakerThreshold()).isEqualTo(10);

        Endpoint anthropic = Endpoint.builder(Provider.ANTHROPIC, "claude-sonnet-4-5").build();
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(anthropic.keySource()).isEqualTo(KeySource.envIfSet("ANTHROPIC_API_KEY"));
        assertThat(anthropic.provider().speaksOpenAi()).isFalse();

        Endpoint azure = Endpoint.builder(Provider.AZURE_OPENAI, "gpt-4o")
                .baseUrl("https://acme.openai.azure.com/openai/v1?api-version=preview").build();
        assertThat(azure.authHeader()).isEqualTo("api-key");
        assertThat(azure.provider().speaksOpenAi()).isTrue();
        assertThat(azure.baseUrl()).endsWith("?api-version=preview");
    }

    @Test
    void everySettingCanBeSetAndCopied() {
        RetryPolicy retry = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(2), 0, Duration.ZERO);
        Endpoint e = Endpoint.builder(Provider.OPENAI, " llama3 ").baseUrl("http://localhost:11434/v1")
                .keySource(KeySource.none()).authHeader("api-key").maxConcurrency(8).requestsPerMinute(120)
                .timeout(Duration.ofSeconds(5)).retry(retry).breakerThreshold(0).build();
        assertThat(e.model()).isEqualTo("llama3");
        assertThat(e.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(e.authHeader()).isEqualTo("api-key");
        assertThat(e.maxConcurrency()).isEqualTo(8);
        assertThat(e.requestsPerMinute()).isEqualTo(120);
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(e.retry()).isEqualTo(retry);
        assertThat(e.breakerThreshold()).isZero();
        assertThat(e.toBuilder().build()).isEqualTo(e).hasSameHashCodeAs(e);

        Endpoint judge = e.withModel("judge-model");
        assertThat(judge.model()).isEqualTo("judge-model");
        assertThat(judge).isNotEqualTo(e);
        assertThat(judge.toBuilder().model("llama3").build()).isEqualTo(e);
    }

    @Test
    void blankOptionalSettingsMeanTheDefault() {
        Endpoint e = Endpoint.builder(Provider.ANTHROPIC, "claude").baseUrl(" ").authHeader("").build();
        assertThat(e.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(e.authHeader()).isEqualTo("x-api-key");
    }

    @Test
    void validationNamesTheSetting() {
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model is missing");
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, "m").maxConcurrency(0).build())
                .hasMessage("maxConcurrency must be >= 1, was 0");
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, "m").requestsPerMinute(-1).build())
                .hasMessage("requestsPerMinute (0 = no limit) must be >= 0, was -1");
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, "m").breakerThreshold(-1).build())
                .hasMessage("breakerThreshold (0 = never) must be >= 0, was -1");
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, "m").timeout(Duration.ZERO).build())
                .hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, "m").baseUrl("ftp://x/v1").build())
                .hasMessage("base URL is not an http(s) URL: ftp://x/v1");
        assertThatThrownBy(() -> Endpoint.builder(Provider.OPENAI, "m").baseUrl("not a url").build())
                .hasMessage("base URL is not an http(s) URL: not a url");
        assertThatThrownBy(() -> Endpoint.builder(Provider.AZURE_OPENAI, "m").build())
                .hasMessageContaining("provider azure has no public endpoint: set the base URL");
        assertThatThrownBy(() -> Endpoint.builder(null, "m").build()).hasMessage("provider");
    }

    @Test
    void providersParseByTheirNames() {
        assertThat(Provider.parse(" OpenAI ")).isEqualTo(Provider.OPENAI);
        assertThat(Provider.parse("azure")).isEqualTo(Provider.AZURE_OPENAI);
        assertThat(Provider.parse("anthropic")).isEqualTo(Provider.ANTHROPIC);
        assertThatThrownBy(() -> Provider.parse("gemini"))
                .hasMessage("unknown provider 'gemini': use openai, azure or anthropic");
    }

    @Test
    void keySources() {
        Map<String, String> env = Map.of("MY_KEY", KEY);
        assertThat(KeySource.env("MY_KEY").resolve(env::get).isPresent()).isTrue();
        assertThatThrownBy(() -> KeySource.env("UNSET_KEY").resolve(env::get)).hasMessageContaining("UNSET_KEY");
        assertThat(KeySource.envIfSet("UNSET_KEY").resolve(env::get).isPresent()).isFalse();
        assertThat(KeySource.envIfSet("MY_KEY").resolve(env::get).isPresent()).isTrue();
        assertThat(KeySource.secret(KEY).resolve(name -> null).isPresent()).isTrue();
        assertThat(KeySource.none().resolve(env::get).isPresent()).isFalse();
        assertThatThrownBy(() -> KeySource.env(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> KeySource.secret(" ")).hasMessageContaining("blank");
    }

    @Test
    void theKeyIsNeverPrinted() {
        Endpoint given = Endpoint.builder(Provider.OPENAI, "gpt-4o").keySource(KeySource.secret(KEY)).build();
        assertThat(given.toString()).doesNotContain(KEY).contains("***")
                .isEqualTo("Endpoint[openai, https://api.openai.com/v1, gpt-4o, key ApiKey[*** from given]]");
        assertThat(given.keySource().toString()).doesNotContain(KEY);
        Endpoint fromEnv = Endpoint.builder(Provider.OPENAI, "gpt-4o").keySource(KeySource.env("MY_KEY")).build();
        assertThat(fromEnv.toString()).endsWith("key env MY_KEY]");
        assertThat(Endpoint.builder(Provider.OPENAI, "m").build().toString()).endsWith("key env OPENAI_API_KEY (if set)]");
    }

    @Test
    void theFactoryPicksTheWireFormatByProvider() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(json(ModelClientTest.OPENAI_OK));
            server.enqueue(json("""
                    {"model":"claude","content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn",
                     "usage":{"input_tokens":1,"output_tokens":1}}"""));
            server.enqueue(json("{\"data\":[{\"index\":0,\"embedding\":[0.5]}]}"));
            Endpoint azure = Endpoint.builder(Provider.AZURE_OPENAI, "dep").baseUrl(server.url("/openai/v1").toString())
                    .keySource(KeySource.secret(KEY)).build();
            try (ModelClient client = ModelClient.create(azure)) {
                assertThat(client.send(ChatRequest.of(null, "hi")).text()).isEqualTo("hello");
            }
            RecordedRequest chat = server.takeRequest();
            assertThat(chat.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
            assertThat(chat.getHeaders().get("api-key")).isEqualTo(KEY);

            Endpoint anthropic = Endpoint.builder(Provider.ANTHROPIC, "claude").baseUrl(server.url("/").toString())
                    .keySource(KeySource.secret(KEY)).build();
            try (ModelClient client = ModelClient.create(anthropic)) {
                assertThat(client.send(ChatRequest.of(null, "hi")).text()).isEqualTo("hi");
            }
            RecordedRequest messages = server.takeRequest();
            assertThat(messages.getUrl().encodedPath()).isEqualTo("/v1/messages");
            assertThat(messages.getHeaders().get("x-api-key")).isEqualTo(KEY);

            Endpoint local = Endpoint.builder(Provider.OPENAI, "emb").baseUrl(server.url("/v1").toString())
                    .keySource(KeySource.none()).build();
            try (var embedder = ModelClient.embedder(local)) {
                assertThat(embedder.embed(List.of("a"))).hasSize(1);
            }
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
            assertThatThrownBy(() -> ModelClient.embedder(anthropic)).hasMessageContaining("no embeddings API");
        }
    }

    @Test
    void aRequiredKeyThatIsUnsetFailsWhenTheClientIsCreated() {
        Endpoint e = Endpoint.builder(Provider.OPENAI, "m").keySource(KeySource.env("LLMMON_SURELY_UNSET_KEY")).build();
        assertThatThrownBy(() -> ModelClient.create(e)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LLMMON_SURELY_UNSET_KEY");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
}
