package dev.llmmon.probes.run;

import dev.llmmon.client.Endpoint;
import dev.llmmon.client.KeySource;
import dev.llmmon.client.ModelClient;
import dev.llmmon.client.RetryPolicy;
import dev.llmmon.probes.spi.CheckContext;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.spec.ProbeFile;
import dev.llmmon.probes.spec.ProbeFileReader;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassetteTest {
    @TempDir
    Path dir;

    static ProbeFile probes(String yaml) throws Exception {
        return new ProbeFileReader(CheckRegistry.of())
                .read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "p.yaml");
    }

    static String completion(String text) {
        return "{\"choices\":[{\"message\":{\"content\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(text)
                + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3},"
                + "\"model\":\"gpt-test\",\"system_fingerprint\":\"fp_a\"}";
    }

    @Test
    void recordsRepeatsAsDistinctEntriesAndReplaysThemWithoutNetwork() throws Exception {
        var probe = probes("""
                id: p
                input: Say yes
                params: {temperature: 1}
                repeat: 3
                min_pass_rate: 0.6
                checks: [{type: contains, value: "yes"}]
                """).probes().get(0);
        Path file = dir.resolve("cassette.jsonl");
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body(completion("yes")).build());
            server.enqueue(new MockResponse.Builder().body(completion("no")).build());
            server.enqueue(new MockResponse.Builder().body(completion("yes!")).build());
            server.start();
            var live = ModelClient.create(Endpoint.builder(Endpoint.Provider.OPENAI, "gpt-test")
                    .baseUrl(server.url("/v1").toString()).keySource(KeySource.none()).retry(RetryPolicy.none()).build());
            try (CassetteClient recording = CassetteClient.recording(Cassette.open(file), live)) {
                ProbeResult r = new ProbeRunner(recording, CheckRegistry.of(), CheckContext.none()).run(probe);
                assertThat(r.passRate().passes()).isEqualTo(2);
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"model\":\"gpt-test\""));

        try (CassetteClient replay = CassetteClient.replaying(Cassette.open(file), "gpt-test")) {
            ProbeResult r = new ProbeRunner(replay, CheckRegistry.of(), CheckContext.none()).run(probe);
            assertThat(r.attempts()).extracting(a -> a.response().text()).containsExactly("yes", "no", "yes!");
            assertThat(r.passed()).isTrue();
            assertThat(r.attempts().get(0).response().systemFingerprint()).isEqualTo("fp_a");
        }

        var fourTimes = probes("""
                id: p
                input: Say yes
                params: {temperature: 1}
                repeat: 4
                checks: [{type: contains, value: "yes"}]
                """).probes().get(0);
        try (CassetteClient replay = CassetteClient.replaying(Cassette.open(file), "gpt-test")) {
            assertThatThrownBy(() -> new ProbeRunner(replay, CheckRegistry.of(), CheckContext.none()).run(fourTimes))
                    .isInstanceOf(CassetteMissException.class)
                    .hasMessageContaining("#3").hasMessageContaining("llmmon.mode=record").hasMessageContaining("Say yes");
        }
    }

    @Test
    void theKeyDependsOnEverythingThatShapesTheAnswer() throws Exception {
        var a = probes("{id: p, input: x, checks: [{type: is-json}]}").probes().get(0).request().withModel("m");
        assertThat(Cassette.requestHash(a)).isEqualTo(Cassette.requestHash(a));
        assertThat(Cassette.requestHash(a)).isNotEqualTo(Cassette.requestHash(a.withModel("n")))
                .isNotEqualTo(Cassette.requestHash(a.withTemperature(0.5)))
                .isNotEqualTo(Cassette.requestHash(a.withMaxTokens(9)));
    }

    @Test
    void aFailedCallIsAFailedAttemptNotACrash() throws Exception {
        var probe = probes("{id: p, input: x, repeat: 2, min_pass_rate: 0.5, checks: [{type: is-json}]}").probes().get(0);
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"bad\"}").build());
            server.enqueue(new MockResponse.Builder().body(completion("{}")).build());
            server.start();
            try (var live = ModelClient.create(Endpoint.builder(Endpoint.Provider.OPENAI, "gpt-test")
                    .baseUrl(server.url("/v1").toString()).keySource(KeySource.none()).retry(RetryPolicy.none()).build())) {
                ProbeResult r = new ProbeRunner(live, CheckRegistry.of(), CheckContext.none()).run(probe);
                assertThat(r.attempts().get(0).error()).contains("400");
                assertThat(r.passed()).isTrue();
                assertThat(r.describe()).contains("repeat 1: call failed");
            }
        }
    }
}
