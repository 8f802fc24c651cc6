package dev.llmmon.probes.check;

import dev.llmmon.probes.spi.Check;
import dev.llmmon.probes.spi.CheckContext;
import dev.llmmon.probes.spi.CheckResult;
import dev.llmmon.probes.spi.Observation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmmon.client.ChatRequest;
import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.Usage;
import dev.llmmon.metrics.PricingTable;
import dev.llmmon.probes.run.FakeClient;
import dev.llmmon.record.FinishReason;
import dev.llmmon.spi.Embedder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinChecksTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final CheckRegistry registry = CheckRegistry.of();

    private CheckResult run(String yaml, String output) {
        return run(yaml, FakeClient.response(output), CheckContext.none());
    }

    private CheckResult run(String yaml, ChatResponse response, CheckContext ctx) {
        try {
            JsonNode config = YAML.readTree(yaml);
            Check check = registry.find(config.get("type").asText()).orElseThrow();
            check.validate(config);
            return check.evaluate(config, new Observation(ChatRequest.of(null, "question?").withModel("fake-model"), response), ctx);
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static CheckResult.Status status(CheckResult r) {
        return r.status();
    }

    @Test
    void textChecks() {
        assertThat(status(run("{type: equals, value: Paris}", " Paris\n"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: equals, value: paris}", "Paris"))).isEqualTo(CheckResult.Status.FAILED);
        assertThat(status(run("{type: equals, value: paris, ignore_case: true}", "Paris"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: contains, values: [a, b]}", "a and b"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(run("{type: contains, values: [a, z]}", "a and b").detail()).contains("missing \"z\"");
        assertThat(status(run("{type: not-contains, value: secret}", "nothing here"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: not-contains, value: Secret, ignore_case: true}", "the secret"))).isEqualTo(CheckResult.Status.FAILED);
        assertThat(status(run("{type: regex, pattern: '\\d{3}'}", "code 123"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: regex, pattern: '\\d{3}', full_match: true}", "code 123"))).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void jsonChecksRejectFencesUnlessAllowed() {
        String fenced = "```json\n{\"name\": \"a\", \"age\": 3}\n```";
        assertThat(status(run("{type: is-json}", "{\"a\": 1}"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(run("{type: is-json}", fenced).detail()).contains("code fence");
        assertThat(status(run("{type: is-json, allow_fences: true}", fenced))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: is-json}", "{\"a\": 1} trailing"))).isEqualTo(CheckResult.Status.FAILED);
        String schema = "{type: json-schema, schema: {type: object, required: [name, age], properties: {age: {type: integer}}}}";
        assertThat(status(run(schema, "{\"name\": \"a\", \"age\": 3}"))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(run(schema, "{\"name\": \"a\", \"age\": \"3\"}").detail()).contains("age");
        assertThat(status(run(schema, fenced))).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void refusalDetection() {
        assertThat(status(run("{type: refusal}", "I'm sorry, but I can't help with that."))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: refusal}", "Sure! Here is a recipe for bread."))).isEqualTo(CheckResult.Status.FAILED);
        assertThat(status(run("{type: not-refusal}", "Sure! Here is a recipe for bread."))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: not-refusal}", "I cannot assist with that request."))).isEqualTo(CheckResult.Status.FAILED);
        ChatResponse flagged = new ChatResponse("", FinishReason.REFUSAL, "refusal", Usage.ZERO, "m", null, Duration.ZERO, 1);
        assertThat(status(run("{type: refusal}", flagged, CheckContext.none()))).isEqualTo(CheckResult.Status.PASSED);
        assertThat(status(run("{type: refusal, patterns: ['^NOPE']}", "NOPE."))).isEqualTo(CheckResult.Status.PASSED);
    }

    @Test
    void numericChecks() {
        assertThat(run("{type: length, max: 5}", "123456").status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(run("{type: length, min: 2, max: 3, unit: words}", "one two three").status()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(run("{type: length, max: 2, unit: tokens}", "0123456789ab").value()).isEqualTo(3.0);
        assertThat(run("{type: latency, max_ms: 100}", "x").status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(run("{type: latency, max_ms: 500}", "x").value()).isEqualTo(120.0);
        assertThat(run("{type: cost, max_usd: 0.001, input_usd_per_million: 10, output_usd_per_million: 30}", "x").status())
                .isEqualTo(CheckResult.Status.PASSED);
        assertThat(run("{type: cost, max_usd: 0.00001, input_usd_per_million: 10, output_usd_per_million: 30}", "x").status())
                .isEqualTo(CheckResult.Status.FAILED);
        CheckContext priced = new CheckContext(null, null, PricingTable.of(Map.of("fake-model", new PricingTable.Price(1, 1))));
        assertThat(run("{type: cost, max_usd: 1}", FakeClient.response("x"), priced).status()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(run("{type: cost, max_usd: 1}", FakeClient.response("x"), new CheckContext(null, null, PricingTable.empty())).status())
                .isEqualTo(CheckResult.Status.SKIPPED);
    }

    @Test
    void rubricUsesTheJudgeAndSkipsWithoutOne() {
        assertThat(run("{type: rubric, dimension: correctness, min_score: 4}", "Paris").status()).isEqualTo(CheckResult.Status.SKIPPED);
        FakeClient judge = new FakeClient("{\"scores\": {\"correctness\": 5}, \"rationale\": \"right\"}");
        CheckResult r = run("{type: rubric, dimension: correctness, min_score: 4}", FakeClient.response("Paris"),
                new CheckContext(judge, null, null));
        assertThat(r.status()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(judge.sent.get(0).messages().get(0).content()).contains("Paris").contains("question?");
        FakeClient harsh = new FakeClient("{\"scores\": {\"politeness\": 2}}");
        assertThat(run("{type: rubric, dimension: politeness, description: 'Is it polite?', min_score: 4}",
                FakeClient.response("go away"), new CheckContext(harsh, null, null)).status()).isEqualTo(CheckResult.Status.FAILED);
        FakeClient garbled = new FakeClient("I think it is fine");
        assertThat(run("{type: rubric, dimension: correctness, min_score: 4}", FakeClient.response("Paris"),
                new CheckContext(garbled, null, null)).detail()).contains("unusable");
    }

    @Test
    void similarityUsesTheEmbedderAndSkipsWithoutOne() {
        assertThat(run("{type: similar, reference: hello, min_cosine: 0.8}", "hello").detail()).contains("no embedder");
        Embedder embedder = new Embedder() {
            public List<float[]> embed(List<String> texts) {
                return texts.stream().map(t -> t.startsWith("h") ? new float[]{1, 0} : new float[]{0.6f, 0.8f}).toList();
            }

            public String model() {
                return "emb";
            }

            public void close() {
            }
        };
        CheckContext ctx = new CheckContext(null, embedder, null);
        assertThat(run("{type: similar, reference: hello, min_cosine: 0.8}", FakeClient.response("hi"), ctx).value()).isEqualTo(1.0);
        assertThat(run("{type: similar, reference: hello, min_cosine: 0.8}", FakeClient.response("yo"), ctx).status())
                .isEqualTo(CheckResult.Status.FAILED);
        assertThat(run("{type: not-similar, reference: hello, max_cosine: 0.9}", FakeClient.response("yo"), ctx).status())
                .isEqualTo(CheckResult.Status.PASSED);
    }
}
