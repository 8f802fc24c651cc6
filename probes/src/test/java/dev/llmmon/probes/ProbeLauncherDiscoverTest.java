package dev.llmmon.probes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the gate builds on: discovery without calls, a subset by unique id, the repeat override, the counts. */
class ProbeLauncherDiscoverTest {

    private static ProbeRequest.Builder catalog(Path dir) {
        return ProbeRequest.builder().baseDir(dir).model("demo-model").cassette(CatalogTest.DEMO_CASSETTE)
                .reportsDirectory(dir.resolve("reports"));
    }

    @Test
    void discoveryListsTheCatalogWithStableDistinctHashesAndCallsNothing(@TempDir Path dir) {
        List<ProbeCase> cases = ProbeLauncher.discover(catalog(dir).build());
        assertThat(cases).hasSize(12);
        ProbeCase json = cases.stream().filter(c -> c.name().equals("format.yaml / format-json-object")).findFirst()
                .orElseThrow();
        assertThat(json.uniqueId()).isEqualTo(
                "[engine:llmmon]/[resource:dev%2Fllmmon%2Fprobes%2Fcatalog%2Fformat.yaml]/[probe:format-json-object]");
        assertThat(json.repeat()).isEqualTo(3);
        assertThat(json.contentHash()).hasSize(64);
        assertThat(json.promptChars()).isGreaterThan(20);
        assertThat(cases.stream().map(ProbeCase::contentHash).distinct()).hasSize(12);
        assertThat(ProbeLauncher.discover(catalog(dir).build())).isEqualTo(cases);
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void theRepeatOverrideChangesEveryProbeAndItsHash(@TempDir Path dir) {
        ProbeCase before = ProbeLauncher.discover(catalog(dir).build()).get(0);
        ProbeCase after = ProbeLauncher.discover(catalog(dir).parameter(Constants.REPEAT, "2").build()).get(0);
        assertThat(after.uniqueId()).isEqualTo(before.uniqueId());
        assertThat(after.repeat()).isEqualTo(2);
        assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
    }

    @Test
    void aSubsetRunsOnlyTheSelectedProbesWithTheirCounts(@TempDir Path dir) {
        List<ProbeCase> cases = ProbeLauncher.discover(catalog(dir).build());
        Set<String> two = Set.of(cases.get(0).uniqueId(), cases.get(5).uniqueId());
        ProbeRequest request = catalog(dir).parameter(Constants.REPEAT, "2").build().only(two);
        assertThat(ProbeLauncher.discover(request)).hasSize(2);

        ProbeRunSummary summary = ProbeLauncher.run(request, ProbeLauncher.Log.NONE);

        assertThat(summary.totals()).isEqualTo("2 probe(s): 2 passed, 0 failed, 0 aborted, 0 skipped");
        assertThat(summary.probes()).extracting(ProbeRunSummary.ProbeOutcome::uniqueId)
                .containsExactlyInAnyOrderElementsOf(two);
        assertThat(summary.probes()).allSatisfy(p -> {
            assertThat(p.runs()).isEqualTo(2);
            assertThat(p.passes()).isEqualTo(2);
            assertThat(p.inputTokens()).isPositive();
            assertThat(p.outputTokens()).isPositive();
            assertThat(p.meanScore()).isEmpty(); // no rubric check in the catalog
        });
    }

    @Test
    void aChangedProbeGetsANewHashAndADescriptionDoesNot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probes/p.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "id: p1\ninput: \"hello\"\nchecks:\n  - type: contains\n    value: hi\n");
        ProbeRequest request = ProbeRequest.builder().baseDir(dir).model("m").probes(List.of("probes"))
                .reportsDirectory(dir.resolve("reports")).build();
        String first = ProbeLauncher.discover(request).get(0).contentHash();
        Files.writeString(file, "id: p1\ndescription: greets\ninput: \"hello\"\nchecks:\n  - type: contains\n    value: hi\n");
        assertThat(ProbeLauncher.discover(request).get(0).contentHash()).isEqualTo(first);
        Files.writeString(file, "id: p1\ninput: \"hello\"\nchecks:\n  - type: contains\n    value: hey\n");
        assertThat(ProbeLauncher.discover(request).get(0).contentHash()).isNotEqualTo(first);
        assertThat(ProbeLauncher.discover(request).get(0).feature()).isEqualTo("p.yaml");
    }

    @Test
    void aBadProbeFileFailsDiscoveryNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probes/broken.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "id: broken\ninput: \"x\"\nmin_pass_rate: 2\nchecks:\n  - type: is-json\n");
        ProbeRequest request = ProbeRequest.builder().baseDir(dir).model("m").probes(List.of("probes"))
                .reportsDirectory(dir.resolve("reports")).build();
        assertThatThrownBy(() -> ProbeLauncher.discover(request)).isInstanceOf(ProbeRunException.class)
                .hasMessageContaining("broken.yaml:3");
    }

    @Test
    void aDeclaredClusterReachesTheGateElseTheFeatureIsTheCluster(@TempDir Path dir) throws Exception {
        Path probes = Files.writeString(dir.resolve("chat.yaml"), """
                probes:
                  - id: turn-1
                    feature: support-chat
                    cluster: conversation-7
                    input: "Hello"
                    checks: [{type: not-refusal}]
                  - id: turn-2
                    feature: support-chat
                    input: "Bye"
                    checks: [{type: not-refusal}]
                """);
        Path evals = Files.writeString(dir.resolve("cases.eval.jsonl"),
                "{\"id\":\"ev-support-chat-00000001\",\"feature_id\":\"support-chat\",\"cluster\":\"conversation-9\","
                        + "\"input\":\"Where is my order?\",\"bad_output\":\"No idea.\",\"checks\":[{\"type\":\"not-refusal\"}]}\n");
        ProbeRequest request = ProbeRequest.builder().baseDir(dir).model("demo-model")
                .probes(List.of(probes.toString())).evals(List.of(evals.toString()))
                .reportsDirectory(dir.resolve("reports")).build();

        List<ProbeCase> cases = ProbeLauncher.discover(request);

        assertThat(cases).extracting(ProbeCase::name, ProbeCase::cluster).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("chat.yaml / turn-1", "conversation-7"),
                org.assertj.core.groups.Tuple.tuple("chat.yaml / turn-2", "support-chat"),
                org.assertj.core.groups.Tuple.tuple("cases.eval.jsonl / ev-support-chat-00000001", "conversation-9"));
    }
}
