package dev.llmmon.redact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlRedactionTest {
    @TempDir
    Path dir;

    private List<String> run(Set<String> fields, String... lines) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.write(in, List.of(lines), StandardCharsets.UTF_8);
        summary = JsonlRedaction.of(Redactor.standard(), fields).run(in, dir.resolve("out/out.jsonl"));
        return Files.readAllLines(dir.resolve("out/out.jsonl"), StandardCharsets.UTF_8);
    }

    private JsonlRedaction.Summary summary;

    @Test
    void namedFieldsAreRedactedWithOneScopePerRecordAndEverythingElseIsUntouched() throws Exception {
        List<String> out = run(Set.of("text", "output"),
                "{\"id\":\"r-1\",\"text\":\"I am a@b.com\",\"output\":\"Hi a@b.com, c@d.com\",\"note\":\"x@y.com\",\"cost\":1.10}",
                "{\"id\":\"r-2\",   \"text\":\"nothing here\"}",
                "",
                "{\"id\":\"r-3\",\"text\":{\"parts\":[\"call +1 415 555 2671\",7]}}");

        assertThat(out).containsExactly(
                "{\"id\":\"r-1\",\"text\":\"I am <EMAIL_1>\",\"output\":\"Hi <EMAIL_1>, <EMAIL_2>\",\"note\":\"x@y.com\",\"cost\":1.10}",
                "{\"id\":\"r-2\",   \"text\":\"nothing here\"}",   // copied byte for byte
                "",
                "{\"id\":\"r-3\",\"text\":{\"parts\":[\"call <PHONE_1>\",7]}}");
        assertThat(summary.lines()).isEqualTo(4);
        assertThat(summary.changed()).isEqualTo(2);
        assertThat(summary.counts()).isEqualTo(Map.of(PiiKind.EMAIL, 3, PiiKind.PHONE, 1));
        assertThat(summary.replacements()).isEqualTo(4);
    }

    @Test
    void noFieldsMeansEveryString() throws Exception {
        List<String> out = run(Set.of(), "{\"a\":\"a@b.com\",\"b\":[\"4111 1111 1111 1111\"],\"c\":{\"d\":\"10.0.0.1\"}}");
        assertThat(out).containsExactly("{\"a\":\"<EMAIL_1>\",\"b\":[\"<CARD_1>\"],\"c\":{\"d\":\"<IP_1>\"}}");
    }

    @Test
    void aLineThatIsNotAnObjectIsNeverCopiedAndIsReportedByLineNumber() throws Exception {
        List<String> out = run(Set.of("text"),
                "{\"text\":\"ok a@b.com\"}",
                "{\"text\":\"jane@example.com broken",
                "[\"jane@example.com\"]",
                "{\"text\":\"a\",\"text\":\"jane@example.com\"}",
                "{\"text\":\"last\"}");

        assertThat(out).containsExactly("{\"text\":\"ok <EMAIL_1>\"}", "", "", "", "{\"text\":\"last\"}");
        assertThat(summary.dropped()).isEqualTo(3);
        assertThat(summary.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("in.jsonl:2: not valid JSON at column"))
                .anySatisfy(p -> assertThat(p).startsWith("in.jsonl:3: a JSON array, not an object"))
                .anySatisfy(p -> assertThat(p).startsWith("in.jsonl:4: not valid JSON"))
                .allSatisfy(p -> assertThat(p).doesNotContain("jane"));
    }

    @Test
    void refusesToOverwriteItsInputAndNamesAMissingOne() throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, "{}\n");
        JsonlRedaction job = JsonlRedaction.of(Redactor.standard(), Set.of());
        assertThatThrownBy(() -> job.run(in, in)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> job.run(dir.resolve("nope.jsonl"), dir.resolve("o.jsonl")))
                .hasMessageContaining("nope.jsonl");
        assertThatThrownBy(() -> JsonlRedaction.of(Redactor.standard(), Set.of(" "))).hasMessageContaining("empty");
    }
}
