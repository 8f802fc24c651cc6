package dev.llmmon.probes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * A key and an e-mail address in a probe's input, echoed by the model, never reach a failure message, Allure's
 * results (statusDetails, attachments, checks.json) or the Surefire XML unredacted.
 */
class RedactionEngineTest {
    static final String LEAKY = "testprobes/secrets/leaky.yaml";
    static final String KEY = "sk-proj-Zx81QmP4vT7yLw2Ks9Nd3Hf6Jb0Rc5Ga";
    static final String MAIL = "jane.roe@example.org";
    /** The echo puts the address across the 80-character cut of a quoted answer: truncating first left "jane.ro". */
    static final String ECHO = "Sure, I will remember everything you told me today, your key " + KEY + " and " + MAIL
            + " and reply OK.";

    @TempDir
    Path dir;

    @Test
    void theFailureMessageIsRedactedBeforeItIsCut() throws Exception {
        Path cassette = LlmmonTestEngineTest.cassette(dir.resolve("c.jsonl"), LEAKY, Map.of("echoes-secrets", List.of(ECHO)));
        EngineExecutionResults results = EngineTestKit.engine(Constants.ENGINE_ID)
                .configurationParameter(Constants.MODEL, LlmmonTestEngineTest.MODEL)
                .configurationParameter(Constants.CASSETTE, cassette.toString())
                .selectors(DiscoverySelectors.selectClasspathResource(LEAKY)).execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test("echoes-secrets"), finishedWithFailure(
                message(m -> m.contains("<API_KEY_1>") && !m.contains("sk-proj-") && !m.contains("jane")
                        && !m.contains("example.org")))));
    }

    @Test
    void nothingUnredactedReachesAllureResultsOrTheSurefireXml() throws Exception {
        Path cassette = LlmmonTestEngineTest.cassette(dir.resolve("c.jsonl"), LEAKY, Map.of("echoes-secrets", List.of(ECHO)));
        ProbeRequest request = ProbeRequest.builder().baseDir(dir).model(LlmmonTestEngineTest.MODEL)
                .cassette(cassette.toString()).catalog(false).probes(List.of("classpath:" + LEAKY))
                .reportsDirectory(dir.resolve("reports")).allureResultsDirectory(dir.resolve("allure-results")).build();

        ProbeRunSummary summary = ProbeLauncher.run(request, ProbeLauncher.Log.NONE);

        assertThat(summary.passed()).isFalse();
        assertThat(summary.verdict()).hasValueSatisfying(v -> assertThat(v).doesNotContain(KEY).doesNotContain(MAIL));
        List<Path> written;
        try (Stream<Path> files = Files.walk(dir)) {
            written = files.filter(Files::isRegularFile).filter(p -> !p.equals(cassette)).toList();
        }
        assertThat(written).anyMatch(p -> p.toString().contains("allure-results") && p.toString().endsWith("-result.json"))
                .anyMatch(p -> p.toString().contains("allure-results") && p.toString().contains("-attachment"))
                .anyMatch(p -> p.toString().endsWith(".xml"));
        String all = String.join("\n", written.stream().map(RedactionEngineTest::read).toList());
        assertThat(all).contains("<API_KEY_1>").contains("<EMAIL_1>")   // the redacted text is there ...
                .doesNotContain("Zx81QmP4").doesNotContain("jane.roe").doesNotContain("jane.r");   // ... the values not
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
