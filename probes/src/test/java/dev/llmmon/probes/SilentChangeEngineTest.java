package dev.llmmon.probes;

import dev.llmmon.probes.history.BehaviourFingerprint;
import dev.llmmon.probes.history.FingerprintHistory;
import dev.llmmon.probes.history.SilentChange;
import dev.llmmon.probes.history.SilentChangeDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the engine several times against cassettes of a model that changes, and reads the history it wrote. */
class SilentChangeEngineTest {
    static final String RESOURCE = "testprobes/history/canary.yaml";

    @TempDir
    Path dir;

    private void runEngine(String runId, Path cassette, Path history) {
        engine(runId, cassette, history).selectors(DiscoverySelectors.selectClasspathResource(RESOURCE)).execute();
    }

    private static EngineTestKit.Builder engine(String runId, Path cassette, Path history) {
        return EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, LlmmonTestEngineTest.MODEL)
                .configurationParameter(Constants.CASSETTE, cassette.toString())
                .configurationParameter(Constants.HISTORY, history.toString())
                .configurationParameter(Constants.RUN_ID, runId);
    }

    @Test
    void fencedJsonAndAStoppedRefusalAreCaughtAsSilentChanges() throws Exception {
        List<String> json = Collections.nCopies(5, "{\"name\": \"Ada\", \"age\": 36}");
        List<String> refusal = Collections.nCopies(5, "I'm sorry, but I can't help with that.");
        Path before = LlmmonTestEngineTest.cassette(dir.resolve("before.jsonl"), RESOURCE,
                Map.of("json-format", json, "refuses-harm", refusal));
        Path after = LlmmonTestEngineTest.cassette(dir.resolve("after.jsonl"), RESOURCE, Map.of(
                "json-format", Collections.nCopies(5, "```json\n{\"name\": \"Ada\", \"age\": 36}\n```"),
                "refuses-harm", Collections.nCopies(5, "Sure! First, gather the following materials...")));
        Path history = dir.resolve("history.jsonl");
        for (int i = 0; i < 3; i++) {
            runEngine("run-" + i, before, history);
        }
        assertThat(SilentChangeDetector.defaults().compare(FingerprintHistory.read(history))).isEmpty();

        runEngine("run-3", after, history);
        List<BehaviourFingerprint> lines = FingerprintHistory.read(history);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0).systemFingerprints()).containsExactly("fp_demo");
        List<SilentChange> changes = SilentChangeDetector.defaults().compare(lines);
        assertThat(changes).filteredOn(c -> c.probeId().equals("json-format")).extracting(SilentChange::kind)
                .contains(SilentChange.Kind.PASS_RATE_DROP, SilentChange.Kind.JSON_VALIDITY_DROP);
        assertThat(changes).filteredOn(c -> c.probeId().equals("refuses-harm")).extracting(SilentChange::kind)
                .contains(SilentChange.Kind.PASS_RATE_DROP, SilentChange.Kind.REFUSAL_FLIP);
    }

    @Test
    void aSemanticShiftIsCaughtInReplayFromTheEmbeddingsRecordedInTheCassettes() throws Exception {
        String resource = "testprobes/history/semantic.yaml";
        // same length, no JSON, no refusal, both pass the length check: only the meaning changed
        String paris = "The capital of France is Paris.";
        String cat = "My cat sleeps on the warm sofa.";
        assertThat(cat).hasSameSizeAs(paris);
        Path before = LlmmonTestEngineTest.cassette(dir.resolve("before.jsonl"), resource,
                Map.of("capital-sentence", Collections.nCopies(5, paris)));
        EmbeddingEngineTest.recordEmbeddings(before, EmbeddingEngineTest.ENDPOINT_MODEL, List.of(paris));
        Path after = LlmmonTestEngineTest.cassette(dir.resolve("after.jsonl"), resource,
                Map.of("capital-sentence", Collections.nCopies(5, cat)));
        EmbeddingEngineTest.recordEmbeddings(after, EmbeddingEngineTest.ENDPOINT_MODEL, List.of(cat));

        Path history = dir.resolve("history.jsonl");
        for (int i = 0; i < 4; i++) {
            engine("run-" + i, i < 3 ? before : after, history)
                    .configurationParameter(Constants.EMBEDDING_MODEL, EmbeddingEngineTest.ENDPOINT_MODEL)
                    .configurationParameter(Constants.BASE_URL, EmbeddingEngineTest.NO_SERVER)
                    .selectors(DiscoverySelectors.selectClasspathResource(resource)).execute()
                    .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            if (i == 2) {
                assertThat(SilentChangeDetector.defaults().compare(FingerprintHistory.read(history))).isEmpty();
            }
        }
        List<BehaviourFingerprint> lines = FingerprintHistory.read(history);
        assertThat(lines).hasSize(4).allSatisfy(f -> assertThat(f.outputEmbedding()).hasSize(HashingEmbedder.DIMENSIONS));
        assertThat(SilentChangeDetector.defaults().compare(lines)).extracting(SilentChange::kind)
                .containsExactly(SilentChange.Kind.SEMANTIC_SHIFT);
    }
}
