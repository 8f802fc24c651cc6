package dev.llmmon.probes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher from plain Java: the bundled catalog replayed from the demo cassette, no Maven, no network. */
class ProbeLauncherTest {

    @Test
    void runsTheCatalogAgainstTheDemoCassetteAndWritesTheXml(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        ProbeRequest request = ProbeRequest.builder().baseDir(dir).model("demo-model")
                .cassette(CatalogTest.DEMO_CASSETTE).history(Path.of(".llmmon/probe-history.jsonl"))
                .reportsDirectory(Path.of("reports")).build();
        assertThat(request.replays()).isTrue();
        assertThat(request.catalog()).isTrue();

        ProbeRunSummary summary = ProbeLauncher.run(request, new ProbeLauncher.Log() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }
        });

        assertThat(summary.passed()).isTrue();
        assertThat(summary.verdict()).isEmpty();
        assertThat(summary.probes()).hasSize(12).allSatisfy(p -> {
            assertThat(p.verdict()).isEqualTo("PASS");
            assertThat(p.passRate()).contains("95% CI");
        });
        assertThat(summary.totals()).isEqualTo("12 probe(s): 12 passed, 0 failed, 0 aborted, 0 skipped");
        assertThat(summary.aborted()).isEmpty();
        assertThat(summary.silentChanges()).isEmpty();
        assertThat(lines).first().asString().startsWith("llmmon: probing openai model demo-model (cassette classpath:");
        assertThat(lines).anyMatch(l -> l.startsWith("llmmon: 12 probe(s)") && !l.contains("Allure"));
        try (Stream<Path> xml = Files.list(dir.resolve("reports"))) {
            assertThat(xml.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".xml"));
        }
        assertThat(dir.resolve(".llmmon/probe-history.jsonl")).isNotEmptyFile();
    }

    @Test
    void aSecondIdenticalRunComparesWithTheFirstAndFindsNoChange(@TempDir Path dir) {
        ProbeRequest request = ProbeRequest.builder().baseDir(dir).model("demo-model")
                .cassette(CatalogTest.DEMO_CASSETTE).history(dir.resolve("history.jsonl"))
                .reportsDirectory(dir.resolve("reports")).build();
        ProbeLauncher.run(request, ProbeLauncher.Log.NONE);
        List<String> lines = new ArrayList<>();
        ProbeRunSummary second = ProbeLauncher.run(request, new ProbeLauncher.Log() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add(line);
            }
        });
        assertThat(second.passed()).isTrue();
        assertThat(lines).anyMatch(l -> l.endsWith(": 1 earlier run(s) to compare with"));
    }

    @Test
    void failedProbesMakeTheVerdict(@TempDir Path dir) {
        // the demo cassette holds answers for demo-model only: every probe misses
        ProbeRunSummary summary = ProbeLauncher.run(ProbeRequest.builder().baseDir(dir).model("gpt-4o-mini")
                .cassette(CatalogTest.DEMO_CASSETTE).probes(List.of("classpath:dev/llmmon/probes/catalog/format.yaml"))
                .reportsDirectory(dir).build(), ProbeLauncher.Log.NONE);
        assertThat(summary.passed()).isFalse();
        assertThat(summary.verdict()).get().asString().startsWith("2 problem(s):\n  probe ");
    }

    @Test
    void locationsAreCheckedBeforeAnythingRuns(@TempDir Path dir) {
        assertThatThrownBy(() -> ProbeLauncher.run(ProbeRequest.builder().baseDir(dir).model("m")
                .probes(List.of("missing")).build(), ProbeLauncher.Log.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe folder or file " + dir.toAbsolutePath().resolve("missing") + " does not exist");
        assertThatThrownBy(() -> ProbeLauncher.run(ProbeRequest.builder().baseDir(dir).model("m").catalog(false)
                .build(), ProbeLauncher.Log.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("nothing to run");
    }

    @Test
    void theRequestResolvesFilesButNotClasspathCassettes(@TempDir Path dir) {
        ProbeRequest file = ProbeRequest.builder().baseDir(dir).cassette(" answers.jsonl ").mode("record").build();
        assertThat(file.parameters()).containsEntry(Constants.CASSETTE, dir.toAbsolutePath().resolve("answers.jsonl").toString())
                .containsEntry(Constants.MODE, "record");
        assertThat(file.replays()).isFalse();
        ProbeRequest bundled = ProbeRequest.builder().cassette(CatalogTest.DEMO_CASSETTE).parameter(Constants.MODEL, " ").build();
        assertThat(bundled.parameters()).containsEntry(Constants.CASSETTE, CatalogTest.DEMO_CASSETTE)
                .doesNotContainKey(Constants.MODEL);
        assertThat(bundled.catalog()).isTrue();
        assertThat(ProbeRequest.builder().probes(List.of("a", " ")).build().catalog()).isFalse();
    }
}
