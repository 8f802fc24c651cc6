package dev.llmmon.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.probes.run.Cassette;
import dev.llmmon.probes.run.CassetteEmbedder;
import dev.llmmon.probes.run.CassetteMissException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** {@code similar} / {@code not-similar} in replay: from embeddings recorded in the cassette, or an offline embedder. */
class EmbeddingEngineTest {
    static final String RESOURCE = "testprobes/similar/capital.yaml";
    static final String ENDPOINT_MODEL = "text-embedding-test";
    static final String SIMILAR_REFERENCE = "The capital of France is Paris.";
    static final String OTHER_REFERENCE = "I cannot help with that request.";
    static final List<String> GOOD = List.of("The capital of France is Paris.", "Paris is the capital of France.");
    /** Nothing listens here: a replay that tried the network would fail. */
    static final String NO_SERVER = "http://127.0.0.1:9/v1";

    @TempDir
    Path dir;

    /** Adds the vectors an endpoint embedder would have returned for {@code texts} while recording. */
    static void recordEmbeddings(Path cassette, String model, List<String> texts) {
        try (CassetteEmbedder e = CassetteEmbedder.recording(Cassette.open(cassette), new HashingEmbedder(model))) {
            e.embed(texts);
        }
    }

    private EngineTestKit.Builder replay(Path cassette, String embeddingModel) {
        return EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, LlmmonTestEngineTest.MODEL)
                .configurationParameter(Constants.CASSETTE, cassette.toString())
                .configurationParameter(Constants.BASE_URL, NO_SERVER)
                .configurationParameter(Constants.EMBEDDING_MODEL, embeddingModel)
                .selectors(DiscoverySelectors.selectClasspathResource(RESOURCE));
    }

    @Test
    void similarChecksReplayFromEmbeddingsRecordedInTheCassette() throws Exception {
        Path good = LlmmonTestEngineTest.cassette(dir.resolve("good.jsonl"), RESOURCE, Map.of("capital", GOOD));
        recordEmbeddings(good, ENDPOINT_MODEL, List.of(GOOD.get(0), GOOD.get(1), SIMILAR_REFERENCE, OTHER_REFERENCE));
        replay(good, ENDPOINT_MODEL).execute().testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        // the checks really compare: an answer like the other reference fails both
        List<String> refusing = List.of(OTHER_REFERENCE, OTHER_REFERENCE);
        Path bad = LlmmonTestEngineTest.cassette(dir.resolve("bad.jsonl"), RESOURCE, Map.of("capital", refusing));
        recordEmbeddings(bad, ENDPOINT_MODEL, List.of(OTHER_REFERENCE, SIMILAR_REFERENCE));
        replay(bad, ENDPOINT_MODEL).execute().testEvents().assertThatEvents().haveExactly(1, event(test("capital"),
                finishedWithFailure(message(m -> m.contains("pass rate 0/2") && m.contains("min 0.800")
                        && m.contains("cosine 1.000, max 0.300")))));
    }

    @Test
    void aReplayWithoutTheEmbeddingsFailsTheProbeAndSaysToRecordAgain() throws Exception {
        Path answersOnly = LlmmonTestEngineTest.cassette(dir.resolve("c.jsonl"), RESOURCE, Map.of("capital", GOOD));
        // like a missing answer, not a failed check: the cassette is out of date, the model did nothing wrong
        replay(answersOnly, ENDPOINT_MODEL).execute().testEvents().assertThatEvents().haveExactly(1, event(test("capital"),
                finishedWithFailure(instanceOf(CassetteMissException.class), message(m -> m.contains("no embedding") && m.contains("model " + ENDPOINT_MODEL)
                        && m.contains("\"" + GOOD.get(0) + "\"") && m.contains("record again with llmmon.mode=record")))));
    }

    @Test
    void anOfflineEmbedderFromTheServiceLoaderNeedsNoEmbeddingLines() throws Exception {
        Path answersOnly = LlmmonTestEngineTest.cassette(dir.resolve("c.jsonl"), RESOURCE, Map.of("capital", GOOD));
        byte[] before = Files.readAllBytes(answersOnly);
        replay(answersOnly, HashingEmbedder.MODEL).execute().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        // a prefix of the model names it too, as "minilm" names all-minilm-l6-v2-q
        replay(answersOnly, "hashing-bow").execute().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(Files.readAllBytes(answersOnly)).isEqualTo(before);

        Path bad = LlmmonTestEngineTest.cassette(dir.resolve("bad.jsonl"), RESOURCE,
                Map.of("capital", List.of(OTHER_REFERENCE, OTHER_REFERENCE)));
        replay(bad, HashingEmbedder.MODEL).execute().testEvents().assertStatistics(s -> s.started(1).failed(1));
    }

    @Test
    void minilmWithoutTheModuleFailsTheEngineNamingTheDependency() throws Exception {
        Path answersOnly = LlmmonTestEngineTest.cassette(dir.resolve("c.jsonl"), RESOURCE, Map.of("capital", GOOD));
        EngineExecutionResults results = replay(answersOnly, "minilm").execute();
        results.allEvents().assertThatEvents().haveExactly(1, event(engine(), finishedWithFailure(message(m ->
                m.contains("llmmon.embedding.model=minilm") && m.contains("dev.llmmon:llmmon-embeddings-minilm")))));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void recordsAnswersAndEmbeddingsFromTheEndpointThenReplaysThemWithTheServerGone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path cassette = dir.resolve("recorded.jsonl");
        List<JsonNode> embeddingRequests = new CopyOnWriteArrayList<>();
        AtomicInteger chats = new AtomicInteger();
        String baseUrl;
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        JsonNode body = json.readTree(request.getBody().utf8());
                        String path = request.getUrl().encodedPath();
                        if (path.equals("/v1/embeddings")) {
                            embeddingRequests.add(body);
                            ObjectNode reply = json.createObjectNode().put("model", body.path("model").asText());
                            var data = reply.putArray("data");
                            for (int i = 0; i < body.path("input").size(); i++) {
                                var vector = data.addObject().put("index", i).putArray("embedding");
                                for (float x : HashingEmbedder.vector(body.path("input").get(i).asText())) {
                                    vector.add(x);
                                }
                            }
                            return new MockResponse.Builder().body(json.writeValueAsString(reply)).build();
                        }
                        if (path.equals("/v1/chat/completions")) {
                            String answer = GOOD.get(chats.getAndIncrement() % GOOD.size());
                            return new MockResponse.Builder().body("{\"choices\":[{\"message\":{\"content\":\"" + answer
                                    + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9},"
                                    + "\"model\":\"" + LlmmonTestEngineTest.MODEL + "\"}").build();
                        }
                        return new MockResponse.Builder().code(404).build();
                    } catch (java.io.IOException e) {
                        return new MockResponse.Builder().code(400).build();
                    }
                }
            });
            server.start();
            baseUrl = server.url("/v1").toString();
            EngineTestKit.engine(Constants.ENGINE_ID)
                    .configurationParameter(Constants.MODEL, LlmmonTestEngineTest.MODEL)
                    .configurationParameter(Constants.MODE, "record")
                    .configurationParameter(Constants.CASSETTE, cassette.toString())
                    .configurationParameter(Constants.BASE_URL, baseUrl)
                    .configurationParameter(Constants.EMBEDDING_MODEL, ENDPOINT_MODEL)
                    .selectors(DiscoverySelectors.selectClasspathResource(RESOURCE)).execute()
                    .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        }
        assertThat(chats).hasValue(2);
        assertThat(embeddingRequests).isNotEmpty().allSatisfy(b -> assertThat(b.path("model").asText()).isEqualTo(ENDPOINT_MODEL));
        // each distinct text went to the endpoint once, though the references are compared with both answers (and
        // the first answer is word for word the similar reference)
        assertThat(GOOD.get(0)).isEqualTo(SIMILAR_REFERENCE);
        assertThat(embeddingRequests.stream().flatMap(b -> json.convertValue(b.path("input"), List.class).stream()))
                .containsExactlyInAnyOrder(GOOD.get(0), GOOD.get(1), OTHER_REFERENCE);
        List<String> lines = Files.readAllLines(cassette);
        assertThat(lines).filteredOn(l -> l.startsWith("{\"key\"")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("{\"embedding\"")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("\"model\":\"" + ENDPOINT_MODEL + "\""));

        // the server is closed: replay needs nothing but the file
        replay(cassette, ENDPOINT_MODEL).configurationParameter(Constants.BASE_URL, baseUrl).execute()
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }
}
