package dev.llmmon.evals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalCaseReaderTest {

    private static final String CASE = """
            id: ev-support-chat-7f3a2c
            feature_id: support-chat
            tags: [password]
            input: "How do I reset my password? My email is <EMAIL_1>"
            bad_output: "You cannot reset it."
            repeat: 3
            min_pass_rate: 0.67
            checks:
              - type: rubric
                dimension: correctness
                min_score: 4
              - type: not-similar
                reference: bad_output
                max_cosine: 0.9
            provenance:
              request_id: r-000042
              model_id: gpt-4o-2024-08-06
              flag_reason: "correctness 1 <= 2"
              dimensions: {correctness: 1, completeness: 2, tone: 4}
              judged_at: 2026-11-20T14:00:00Z
              judge_model: gpt-4o-mini
            """;

    static EvalCaseFile read(String name, String text) throws IOException {
        return EvalCaseReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void readsTheDocumentedShape() throws IOException {
        EvalCase c = read("a.eval.yaml", CASE).cases().get(0);
        assertThat(c.id()).isEqualTo("ev-support-chat-7f3a2c");
        assertThat(c.featureId()).isEqualTo("support-chat");
        assertThat(c.clusterKey()).isEqualTo("support-chat");
        assertThat(c.repeat()).isEqualTo(3);
        assertThat(c.minPassRate()).isEqualTo(0.67);
        assertThat(c.checks()).extracting(EvalCheck::type).containsExactly("rubric", "not-similar");
        assertThat(c.checks().get(1).referencesBadOutput()).isTrue();
        assertThat(c.checks().get(0).line()).isEqualTo(9);
        assertThat(c.provenance().dimensions()).containsExactly(Map.entry("correctness", 1),
                Map.entry("completeness", 2), Map.entry("tone", 4));
        assertThat(c.provenance().judgedAt()).isEqualTo(Instant.parse("2026-11-20T14:00:00Z"));
        assertThat(c.line()).isEqualTo(1);
    }

    @Test
    void writtenYamlReadsBackToTheSameCase() throws IOException {
        EvalCase c = read("a.eval.yaml", CASE).cases().get(0);
        EvalCase back = read("b.eval.yaml", EvalCaseWriter.yaml(c.withDuplicates(List.of(Provenance.of("r-7")))))
                .cases().get(0);
        assertThat(withoutLines(back)).isEqualTo(withoutLines(c.withDuplicates(List.of(Provenance.of("r-7")))));
        EvalCase fromJson = read("c.eval.jsonl", EvalCaseWriter.jsonLine(c) + "\n").cases().get(0);
        assertThat(withoutLines(fromJson)).isEqualTo(withoutLines(c));
    }

    @Test
    void multiLineTextIsABlockForPeople() {
        EvalCase c = new EvalCase("x-1", "f", null, "line one\nline two", null, null, null, List.of(), null, Set.of(),
                null, 1, 1.0, List.of(EvalCheck.of("not-refusal", JsonNodeFactory.instance.objectNode())), 0);
        assertThat(EvalCaseWriter.yaml(c)).contains("input: |-\n  line one\n  line two").doesNotStartWith("---");
    }

    @Test
    void aMissingFieldNamesFileLineAndField() {
        String text = CASE.replace("feature_id: support-chat\n", "");
        assertThatThrownBy(() -> read("evals/x.eval.yaml", text))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith("evals/x.eval.yaml:1: ")
                .hasMessageContaining("feature_id");
    }

    @Test
    void aBadValueIsReportedAtItsLine() {
        String text = CASE.replace("repeat: 3", "repeat: 0");
        assertThatThrownBy(() -> read("x.eval.yaml", text))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith("x.eval.yaml:6: ")
                .hasMessageContaining("repeat");
    }

    @Test
    void aCheckWithoutTypeIsReportedAtItsLine() {
        String text = CASE.replace("  - type: rubric\n", "  - kind: rubric\n");
        assertThatThrownBy(() -> read("x.eval.yaml", text))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith("x.eval.yaml:9: ")
                .hasMessageContaining("type");
    }

    @Test
    void referenceToAMissingBadOutputIsAnError() {
        String text = CASE.replace("bad_output: \"You cannot reset it.\"\n", "");
        assertThatThrownBy(() -> read("x.eval.yaml", text))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith("x.eval.yaml:11: ")
                .hasMessageContaining("no bad_output");
    }

    @Test
    void aBadTimeNamesItsField() {
        String text = CASE.replace("judged_at: 2026-11-20T14:00:00Z", "judged_at: yesterday");
        assertThatThrownBy(() -> read("x.eval.yaml", text))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith("x.eval.yaml:20: ")
                .hasMessageContaining("judged_at");
    }

    @Test
    void jsonLinesReportTheirOwnLineAndDuplicateIds(@TempDir Path dir) throws IOException {
        EvalCase c = read("a.eval.yaml", CASE).cases().get(0);
        Path file = dir.resolve("cases.eval.jsonl");
        Files.writeString(file, EvalCaseWriter.jsonLine(c) + "\n\n" + EvalCaseWriter.jsonLine(c) + "\n");
        assertThatThrownBy(() -> EvalCaseReader.read(file))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith(file + ":3: id: eval case ev-support-chat-7f3a2c appears twice");
        Files.writeString(file, EvalCaseWriter.jsonLine(c) + "\n{\"id\": \"x\"}\n");
        assertThatThrownBy(() -> EvalCaseReader.read(file))
                .isInstanceOf(EvalCaseException.class)
                .hasMessageStartingWith(file + ":2: ");
    }

    @Test
    void aSuiteFileMergesItsTagsIntoEveryCase() throws IOException {
        String suite = "tags: [synthetic]\ncases:\n" + CASE.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n")
                .replaceFirst(" {4}id:", "  - id:");
        EvalCaseFile file = read("s.eval.yaml", suite);
        assertThat(file.cases().get(0).tags()).containsExactly("synthetic", "password");
        assertThat(file.cases().get(0).line()).isEqualTo(3);
    }

    @Test
    void namesEvalFilesByTheirEnding() {
        assertThat(EvalCaseReader.isEvalCaseFile("evals/support-chat/ev-1.eval.yaml")).isTrue();
        assertThat(EvalCaseReader.isEvalCaseFile("x.EVAL.JSONL")).isTrue();
        assertThat(EvalCaseReader.isEvalCaseFile("probes/greeting.yaml")).isFalse();
    }

    private static EvalCase withoutLines(EvalCase c) {
        List<EvalCheck> checks = c.checks().stream().map(k -> new EvalCheck(k.type(), k.config(), 0)).toList();
        return new EvalCase(c.id(), c.featureId(), c.description(), c.input(), c.system(), c.badOutput(), c.provenance(),
                c.duplicates(), c.cluster(), c.tags(), c.severity(), c.repeat(), c.minPassRate(), checks, 0);
    }

}
