package dev.llmmon.probes.spec;

import dev.llmmon.client.ResponseFormat;
import dev.llmmon.probes.check.CheckRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeFileReaderTest {
    private final ProbeFileReader reader = new ProbeFileReader(CheckRegistry.of());

    private ProbeFile read(String name, String text) throws IOException {
        return reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void readsAFileOfProbesWithFileTagsAndLines() throws IOException {
        ProbeFile f = read("p.yaml", """
                description: two probes
                tags: [canary]
                probes:
                  - id: json-1
                    tags: [format]
                    severity: critical
                    input: "Return JSON"
                    params: {temperature: 0, max_tokens: 50, response_format: json_object}
                    repeat: 5
                    min_pass_rate: 0.8
                    checks:
                      - type: is-json
                      - type: contains
                        value: a
                      - type: contains
                        value: b
                  - id: refusal-1
                    input: "bad thing"
                    checks:
                      - type: refusal
                """);
        assertThat(f.probes()).hasSize(2);
        Probe p = f.probes().get(0);
        assertThat(p.id()).isEqualTo("json-1");
        assertThat(p.tags()).containsExactlyInAnyOrder("canary", "format");
        assertThat(p.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.repeat()).isEqualTo(5);
        assertThat(p.minPassRate()).isEqualTo(0.8);
        assertThat(p.maxTokens()).isEqualTo(50);
        assertThat(p.responseFormat()).isEqualTo(ResponseFormat.JSON_OBJECT);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.checks()).extracting(CheckSpec::name).containsExactly("is-json", "contains", "contains#2");
        assertThat(p.checks().get(1).line()).isEqualTo(13);
        assertThat(f.probes().get(1).line()).isEqualTo(17);
        assertThat(f.probes().get(1).minPassRate()).isEqualTo(1.0);
        assertThat(f.probes().get(1).tags()).containsExactly("canary");
    }

    @Test
    void readsASingleProbeInJsonAndProbesInJsonLines() throws IOException {
        ProbeFile json = read("p.json", "{\"id\": \"a\", \"input\": \"x\", \"checks\": [{\"type\": \"is-json\"}]}");
        assertThat(json.probes()).extracting(Probe::id).containsExactly("a");
        ProbeFile lines = read("p.jsonl", """
                {"id": "a", "input": "x", "checks": [{"type": "is-json"}]}

                {"id": "b", "input": "y", "checks": [{"type": "refusal"}]}
                """);
        assertThat(lines.probes()).extracting(Probe::id, Probe::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 3));
    }

    @Test
    void missingInputIsOneErrorWithFileAndLine() {
        assertThatThrownBy(() -> read("bad.yaml", """
                probes:
                  - id: ok
                    input: x
                    checks: [{type: is-json}]
                  - id: broken
                    checks: [{type: is-json}]
                """))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.yaml");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).startsWith("bad.yaml:5: ").contains("input");
                });
    }

    @Test
    void badThresholdNamesItsLine() {
        assertThatThrownBy(() -> read("bad.yaml", """
                id: p
                input: x
                min_pass_rate: 1.5
                checks: [{type: is-json}]
                """))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("min_pass_rate");
                });
    }

    @Test
    void checkSettingsAreValidatedPerType() {
        assertThatThrownBy(() -> read("bad.yaml", """
                id: p
                input: x
                checks:
                  - type: latency
                    max: 5
                """))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void unknownCheckTypeIsNamedWithItsLine() {
        assertThatThrownBy(() -> read("bad.yaml", """
                id: p
                input: x
                checks:
                  - type: is-json
                  - type: sparkles
                """))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("unknown check type 'sparkles'");
                });
    }

    @Test
    void invalidRegexAndSyntaxErrorsAndDuplicateIds() {
        assertThatThrownBy(() -> read("r.yaml", "id: p\ninput: x\nchecks:\n  - type: regex\n    pattern: '(['\n"))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("regular expression");
                });
        assertThatThrownBy(() -> read("s.yaml", "id: p\ninput: [x\nchecks: []\n"))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> assertThat(e.getMessage()).startsWith("s.yaml:").contains("YAML"));
        assertThatThrownBy(() -> read("d.yaml", """
                probes:
                  - {id: a, input: x, checks: [{type: is-json}]}
                  - {id: a, input: y, checks: [{type: is-json}]}
                """))
                .isInstanceOfSatisfying(ProbeFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("appears twice");
                });
    }
}
