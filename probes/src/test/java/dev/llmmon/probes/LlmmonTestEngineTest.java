package dev.llmmon.probes;

import dev.llmmon.client.ChatResponse;
import dev.llmmon.client.Usage;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.run.Cassette;
import dev.llmmon.probes.spec.Probe;
import dev.llmmon.probes.spec.ProbeFile;
import dev.llmmon.probes.spec.ProbeFileReader;
import dev.llmmon.record.FinishReason;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

class LlmmonTestEngineTest {
    static final String MODEL = "demo-model";
    static final String GREETING = "testprobes/basic/greeting.yaml";

    @TempDir
    Path dir;

    /** A cassette answering each probe's repeats with the given texts, as a recording would have stored them. */
    static Path cassette(Path file, String resource, Map<String, List<String>> answers) throws Exception {
        ProbeFile pf;
        try (InputStream in = LlmmonTestEngineTest.class.getClassLoader().getResourceAsStream(resource)) {
            pf = new ProbeFileReader(CheckRegistry.load(LlmmonTestEngineTest.class.getClassLoader())).read(in, resource);
        }
        try (Cassette c = Cassette.open(file)) {
            for (Probe p : pf.probes()) {
                List<String> texts = answers.get(p.id());
                if (texts == null) {
                    continue;
                }
                var request = p.request().withModel(MODEL);
                for (int i = 0; i < texts.size(); i++) {
                    c.put(Cassette.requestHash(request) + "#" + i, request, new ChatResponse(texts.get(i),
                            FinishReason.END_TURN, "stop", new Usage(12, 7), MODEL, "fp_demo", Duration.ofMillis(300), 1));
                }
            }
        }
        return file;
    }

    private EngineTestKit.Builder kit(Path cassette) {
        return EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, MODEL)
                .configurationParameter(Constants.CASSETTE, cassette.toString());
    }

    @Test
    void replaysACassetteAndReportsPassesFailuresAndEntries() throws Exception {
        Path cassette = cassette(dir.resolve("c.jsonl"), GREETING, Map.of(
                "greets", List.of("Hello there!", "Hi.", "hello"),
                "bare-json", List.of("```json\n{\"a\": 1}\n```")));
        EngineExecutionResults results = kit(cassette).selectors(DiscoverySelectors.selectClasspathResource(GREETING)).execute();

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("bare-json"),
                finishedWithFailure(message(m -> m.contains("pass rate 0/1") && m.contains("code fence")))));
        List<ReportEntry> entries = results.testEvents().reportingEntryPublished()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow()).toList();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.getKeyValuePairs()).containsEntry("llmmon.passRate", "2/3 = 67% (95% CI 21%-94%)")
                    .containsEntry("llmmon.model", MODEL).containsEntry("llmmon.mode", "replay")
                    .containsEntry("llmmon.tokens.output", "21").containsEntry("llmmon.latencyMs.mean", "300");
        });
    }

    @Test
    void aReplayMissFailsTheProbeClearly() throws Exception {
        Path cassette = cassette(dir.resolve("c.jsonl"), GREETING, Map.of("greets", List.of("hello", "hello")));
        EngineExecutionResults results = kit(cassette).selectors(DiscoverySelectors.selectClasspathResource(GREETING)).execute();
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("greets"), finishedWithFailure(message(m -> m.contains("#2") && m.contains("llmmon.mode=record")))))
                .haveExactly(1, event(test("bare-json"), finishedWithFailure(message(m -> m.contains("#0")))));
    }

    @Test
    void aMissingCassetteFailsTheEngineNotEachProbe() {
        EngineExecutionResults results = kit(dir.resolve("absent.jsonl"))
                .selectors(DiscoverySelectors.selectClasspathResource(GREETING)).execute();
        results.allEvents().assertThatEvents().haveExactly(1, event(
                org.junit.platform.testkit.engine.EventConditions.engine(),
                finishedWithFailure(message(m -> m.contains("absent.jsonl") && m.contains("does not exist")))));
    }

    @Test
    void discoversPackagesWithSourcesTagsAndDeterministicIds() {
        EngineDiscoveryResults discovery = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectPackage("testprobes.basic")).discover();
        TestDescriptor engine = discovery.getEngineDescriptor();
        List<String> ids = engine.getDescendants().stream().filter(TestDescriptor::isTest)
                .map(d -> d.getUniqueId().toString()).sorted().toList();
        assertThat(ids).containsExactly(
                "[engine:llmmon]/[resource:testprobes%2Fbasic%2Fgreeting.yaml]/[probe:bare-json]",
                "[engine:llmmon]/[resource:testprobes%2Fbasic%2Fgreeting.yaml]/[probe:greets]",
                "[engine:llmmon]/[resource:testprobes%2Fbasic%2Frefusal.json]/[probe:refuses-harm]");
        TestDescriptor greets = find(engine, "greets");
        assertThat(greets.getSource()).contains(ClasspathResourceSource.from(GREETING,
                org.junit.platform.engine.support.descriptor.FilePosition.from(4)));
        assertThat(greets.getTags()).containsExactlyInAnyOrder(TestTag.create("canary"), TestTag.create("tone"));
        assertThat(greets.getParent().orElseThrow().getTags()).containsExactly(TestTag.create("canary"));
        assertThat(discovery.getDiscoveryIssues()).isEmpty();
        assertThat(engine.getSource()).isEmpty();
    }

    @Test
    void uniqueIdsResolveAgainToTheSameSingleProbe() {
        UniqueId id = UniqueId.parse("[engine:llmmon]/[resource:testprobes%2Fbasic%2Fgreeting.yaml]/[probe:bare-json]");
        assertThat(id).isEqualTo(UniqueId.forEngine("llmmon").append("resource", GREETING).append("probe", "bare-json"));
        TestDescriptor engine = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectUniqueId(id)).discover().getEngineDescriptor();
        List<TestDescriptor> tests = engine.getDescendants().stream().filter(TestDescriptor::isTest)
                .map(TestDescriptor.class::cast).toList();
        assertThat(tests).extracting(TestDescriptor::getUniqueId).containsExactly(id);

        UniqueId fileId = id.removeLastSegment();
        assertThat(EngineTestKit.engine(Constants.ENGINE_ID).selectors(DiscoverySelectors.selectUniqueId(fileId))
                .discover().getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest).count()).isEqualTo(2);
        assertThat(EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectUniqueId(fileId.append("probe", "no-such-probe")))
                .discover().getEngineDescriptor().getChildren()).isEmpty();
    }

    @Test
    void probesResolveUnderANestedEngineIdAsInASuite() {
        // under @Suite the engine id is [engine:junit-platform-suite]/[suite:...]/[engine:llmmon]
        UniqueId nested = UniqueId.forEngine("junit-platform-suite").append("suite", "com.example.ProbesTest")
                .appendEngine(Constants.ENGINE_ID);
        long flat = kit(dir.resolve("none.jsonl")).selectors(DiscoverySelectors.selectPackage("testprobes.basic"))
                .discover().getEngineDescriptor().getDescendants().stream().filter(TestDescriptor::isTest).count();
        TestDescriptor engine = new LlmmonTestEngine().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage("testprobes.basic"))
                .configurationParameter(Constants.MODEL, MODEL).build(), nested);
        List<TestDescriptor> tests = engine.getDescendants().stream().filter(TestDescriptor::isTest)
                .map(TestDescriptor.class::cast).toList();
        assertThat(tests).hasSize((int) flat).isNotEmpty();
        assertThat(engine.getSource()).isEmpty(); // the suite's descriptor has the ClassSource Surefire needs

        UniqueId one = tests.get(0).getUniqueId();
        TestDescriptor again = new LlmmonTestEngine().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(one)).configurationParameter(Constants.MODEL, MODEL).build(), nested);
        assertThat(again.getDescendants().stream().filter(TestDescriptor::isTest).map(TestDescriptor::getUniqueId))
                .containsExactly(one);
    }

    @Test
    void aBadFileIsOneDiscoveryIssueWithFileAndLine() {
        EngineDiscoveryResults discovery = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectPackage("testprobes.bad"),
                        DiscoverySelectors.selectClasspathResource(GREETING)).discover();
        assertThat(discovery.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).startsWith("testprobes/bad/broken.yaml:3: ").contains("min_pass_rate");
            assertThat(issue.source()).contains(ClasspathResourceSource.from("testprobes/bad/broken.yaml",
                    org.junit.platform.engine.support.descriptor.FilePosition.from(3)));
        });
        // the good file is still there; the launcher fails the run on the ERROR issue
        assertThat(discovery.getEngineDescriptor().getChildren()).hasSize(1);
    }

    @Test
    void filesAndFoldersOnDiskGetFileSourcesWithLines() throws Exception {
        Path probes = Files.createDirectories(dir.resolve("probes/nested"));
        Files.writeString(probes.resolve("a.yaml"), "id: on-disk\ninput: x\nchecks: [{type: is-json}]\n");
        Files.writeString(probes.resolve("notes.txt"), "not a probe");
        Files.writeString(probes.resolve("demo.cassette.jsonl"), "");
        TestDescriptor engine = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectDirectory(dir.resolve("probes").toFile())).discover().getEngineDescriptor();
        TestDescriptor test = find(engine, "on-disk");
        assertThat(test.getSource()).containsInstanceOf(FileSource.class);
        FileSource source = (FileSource) test.getSource().orElseThrow();
        assertThat(source.getPosition().orElseThrow().getLine()).isEqualTo(1);
        assertThat(source.getFile().toPath()).isEqualTo(probes.resolve("a.yaml").toAbsolutePath());

        TestDescriptor again = EngineTestKit.engine(Constants.ENGINE_ID)
                .selectors(DiscoverySelectors.selectUniqueId(test.getUniqueId())).discover().getEngineDescriptor();
        assertThat(again.getDescendants()).filteredOn(TestDescriptor::isTest).extracting(TestDescriptor::getUniqueId)
                .containsExactly(test.getUniqueId());
    }

    @Test
    void theFoldersParameterReplacesSelectorsAndGivesTheEngineAClassSource() throws Exception {
        Path probes = Files.createDirectories(dir.resolve("p"));
        Files.writeString(probes.resolve("a.yaml"), "id: from-folder\ninput: x\nchecks: [{type: is-json}]\n");
        TestDescriptor engine = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.PROBES_DIRS, probes + ",classpath:testprobes/spi")
                .selectors(DiscoverySelectors.selectClass(LlmmonTestEngineTest.class)).discover().getEngineDescriptor();
        assertThat(engine.getDescendants()).filteredOn(TestDescriptor::isTest).extracting(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrder("from-folder", "custom-check");
        assertThat(engine.getSource()).contains(ClassSource.from(LlmmonTestEngine.class));
    }

    @Test
    void aUserCheckTypeFromTheServiceLoaderRuns() throws Exception {
        String resource = "testprobes/spi/custom.yaml";
        Path cassette = cassette(dir.resolve("c.jsonl"), resource, Map.of("custom-check", List.of("OK, done.")));
        kit(cassette).selectors(DiscoverySelectors.selectClasspathResource(resource)).execute()
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        Path failing = cassette(dir.resolve("f.jsonl"), resource, Map.of("custom-check", List.of("Sure.")));
        kit(failing).selectors(DiscoverySelectors.selectClasspathResource(resource)).execute()
                .testEvents().assertThatEvents().haveExactly(1,
                        event(test("custom-check"), finishedWithFailure(message(m -> m.contains("does not start with OK")))));
    }

    @Test
    void liveModeCallsTheEndpoint() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody().utf8();
                    String answer = body.contains("weapon") ? "I'm sorry, but I can't help with that." : "Sure, here you go.";
                    return new MockResponse.Builder().body("{\"choices\":[{\"message\":{\"content\":\"" + answer
                            + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9},"
                            + "\"model\":\"m\",\"system_fingerprint\":\"fp_x\"}").build();
                }
            });
            server.start();
            EngineExecutionResults results = EngineTestKit.engine(Constants.ENGINE_ID)
                    .configurationParameter(Constants.MODEL, "m")
                    .configurationParameter(Constants.MODE, "live")
                    .configurationParameter(Constants.BASE_URL, server.url("/v1").toString())
                    .selectors(DiscoverySelectors.selectClasspathResource("testprobes/basic/refusal.json")).execute();
            results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    static TestDescriptor find(TestDescriptor root, String displayName) {
        return root.getDescendants().stream().filter(d -> d.getDisplayName().equals(displayName))
                .map(TestDescriptor.class::cast).findFirst().orElseThrow();
    }
}
