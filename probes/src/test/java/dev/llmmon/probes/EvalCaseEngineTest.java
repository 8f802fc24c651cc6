package dev.llmmon.probes;

import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.Usage;
import dev.llmmon.evals.EvalCaseReader;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.run.Cassette;
import dev.llmmon.probes.spec.EvalCaseProbes;
import dev.llmmon.probes.spec.Probe;
import dev.llmmon.probes.spec.ProbeFile;
import dev.llmmon.record.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Eval cases run by the engine like probes: discovery, names, checks against the bad output, repeat and pass rate. */
class EvalCaseEngineTest {
    static final String MODEL = "demo-model";
    static final String CASE = "testevals/support-chat/ev-support-chat-0a1b2c3d.eval.yaml";
    static final String LINES = "testevals/support-chat/more.eval.jsonl";

    @TempDir
    Path dir;

    /** A cassette answering each case's repeats with the given texts. */
    static Path cassette(Path file, Map<String, Map<String, List<String>>> answersByResource) throws Exception {
        try (Cassette c = Cassette.open(file)) {
            for (var byResource : answersByResource.entrySet()) {
                ProbeFile pf;
                try (InputStream in = EvalCaseEngineTest.class.getClassLoader().getResourceAsStream(byResource.getKey())) {
                    pf = EvalCaseProbes.toProbeFile(EvalCaseReader.read(in, byResource.getKey()),
                            CheckRegistry.load(EvalCaseEngineTest.class.getClassLoader()));
                }
                for (Probe p : pf.probes()) {
                    List<String> texts = byResource.getValue().getOrDefault(p.id(), List.of());
                    var request = p.request().withModel(MODEL);
                    for (int i = 0; i < texts.size(); i++) {
                        c.put(Cassette.requestHash(request) + "#" + i, request, new ChatResponse(texts.get(i),
                                FinishReason.END_TURN, "stop", new Usage(20, 9), MODEL, "fp", Duration.ofMillis(200), 1));
                    }
                }
            }
        }
        return file;
    }

    private EngineTestKit.Builder kit(Path cassette) {
        return EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, MODEL)
                .configurationParameter(Constants.CASSETTE, cassette.toString())
                .configurationParameter(Constants.EMBEDDING_MODEL, HashingEmbedder.MODEL);
    }

    @Test
    void discoversEvalCasesInAPackageNamedByCaseId() {
        EngineDiscoveryResults found = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectPackage("testevals.support-chat")).discover();
        assertThat(found.getDiscoveryIssues()).isEmpty();
        List<TestDescriptor> tests = found.getEngineDescriptor().getDescendants().stream()
                .filter(TestDescriptor::isTest).map(TestDescriptor.class::cast).toList();
        assertThat(tests).extracting(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrder("ev-support-chat-0a1b2c3d", "ev-support-chat-9f8e7d6c");
        TestDescriptor first = tests.stream().filter(t -> t.getDisplayName().endsWith("0a1b2c3d")).findFirst().orElseThrow();
        assertThat(first.getSource()).contains(ClasspathResourceSource.from(CASE,
                org.junit.platform.engine.support.descriptor.FilePosition.from(1)));
        assertThat(first.getTags()).extracting(t -> t.getName()).containsExactly("password");
        assertThat(first.getUniqueId()).isEqualTo(UniqueId.forEngine(Constants.ENGINE_ID).append("resource", CASE)
                .append("probe", "ev-support-chat-0a1b2c3d"));
    }

    @Test
    void aCaseResolvesAgainFromItsUniqueId() {
        UniqueId id = UniqueId.forEngine(Constants.ENGINE_ID).append(ProbeOrigin.RESOURCE, CASE)
                .append(ProbeDescriptor.SEGMENT, "ev-support-chat-0a1b2c3d");
        EngineDiscoveryResults found = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectUniqueId(id)).discover();
        assertThat(found.getEngineDescriptor().getDescendants()).filteredOn(TestDescriptor::isTest)
                .extracting(TestDescriptor::getUniqueId).containsExactly(id);
    }

    @Test
    void theEvalsDirsParameterReplacesTheSelectors() {
        EngineDiscoveryResults found = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.EVALS_DIRS, "classpath:testevals/support-chat")
                .selectors(DiscoverySelectors.selectClass(Object.class)).discover();
        assertThat(found.getEngineDescriptor().getDescendants()).filteredOn(TestDescriptor::isTest).hasSize(2);
    }

    @Test
    void anAnswerLikeTheBadOutputFailsAndRepeatAndPassRateAreHonoured() throws Exception {
        Path cassette = cassette(dir.resolve("c.jsonl"), Map.of(
                CASE, Map.of("ev-support-chat-0a1b2c3d", List.of(
                        "Choose Forgot password on the login page; we email you a reset link.",
                        "You cannot reset your password, sorry.", // the flagged answer again: fails not-similar
                        "I have sent a reset link to your address.")),
                LINES, Map.of("ev-support-chat-9f8e7d6c", List.of("I don't know."))));
        EngineExecutionResults results = kit(cassette)
                .selectors(DiscoverySelectors.selectClasspathResource(CASE), DiscoverySelectors.selectClasspathResource(LINES))
                .execute();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("ev-support-chat-0a1b2c3d"), finishedSuccessfully()))
                .haveExactly(1, event(test("ev-support-chat-9f8e7d6c"),
                        finishedWithFailure(message(m -> m.contains("pass rate 0/1") && m.contains("not-similar")))));
        List<Map<String, String>> entries = results.testEvents().reportingEntryPublished()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("llmmon.passes", "2").containsEntry("llmmon.runs", "3")
                .containsEntry("llmmon.minPassRate", "0.60"));
    }

    @Test
    void aPassRateBelowTheMinimumFails() throws Exception {
        Path cassette = cassette(dir.resolve("c.jsonl"), Map.of(CASE, Map.of("ev-support-chat-0a1b2c3d", List.of(
                "We email you a reset link.", "You cannot reset your password, sorry.", "No idea."))));
        kit(cassette).selectors(DiscoverySelectors.selectClasspathResource(CASE)).execute()
                .testEvents().assertThatEvents().haveExactly(1, event(test("ev-support-chat-0a1b2c3d"),
                        finishedWithFailure(message(m -> m.contains("pass rate 1/3")))));
    }

    @Test
    void aBadEvalFileIsADiscoveryErrorNamingFileAndLine() {
        EngineDiscoveryResults found = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectPackage("testevals-bad")).discover();
        assertThat(found.getDiscoveryIssues()).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).startsWith("testevals-bad/broken.eval.yaml:5: ").contains("no bad_output"))
                .anySatisfy(m -> assertThat(m).startsWith("testevals-bad/unknown.eval.yaml:7: ")
                        .contains("unknown check type 'sparkles'"));
        assertThat(found.getEngineDescriptor().getDescendants()).noneMatch(TestDescriptor::isTest);
    }

    @Test
    void theLauncherRunsEvalSuitesWithoutTheCatalog() throws Exception {
        Path cassette = cassette(dir.resolve("c.jsonl"), Map.of(LINES, Map.of("ev-support-chat-9f8e7d6c",
                List.of("Your order ships tomorrow."))));
        ProbeRequest request = ProbeRequest.builder().evals(List.of("classpath:" + LINES)).model(MODEL)
                .cassette(cassette.toString()).parameter(Constants.EMBEDDING_MODEL, HashingEmbedder.MODEL)
                .reportsDirectory(dir.resolve("reports")).build();
        assertThat(request.catalog()).isFalse();
        ProbeRunSummary summary = ProbeLauncher.run(request, ProbeLauncher.Log.NONE);
        assertThat(summary.probes()).hasSize(1);
        assertThat(summary.passed()).isTrue();
        assertThat(ProbeLauncher.discover(request)).singleElement()
                .satisfies(c -> assertThat(c.feature()).isEqualTo("support-chat"));
    }
}
