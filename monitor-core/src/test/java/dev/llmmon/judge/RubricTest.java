package dev.llmmon.judge;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RubricTest {
    static Rubric read(String yaml) throws Exception {
        return Rubric.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "rubric.yaml");
    }

    @Test
    void loadsYaml() throws Exception {
        Rubric r = read("""
                rubric_version: support-v2
                dimensions:
                  - name: correctness
                    description: Right for the question?
                    anchors:
                      1: Wrong.
                      3: Partly right.
                      5: Fully right.
                  - name: empathy
                    description: Does it acknowledge the user?
                    anchors: {1: Cold., 5: Warm.}
                """);
        assertThat(r.version()).isEqualTo("support-v2");
        assertThat(r.dimensionNames()).containsExactly("correctness", "empathy");
        assertThat(r.dimensions().get(0).anchors()).containsKeys(1, 3, 5).hasSize(3);
    }

    @Test
    void badYamlNamesFileAndField() {
        assertThatThrownBy(() -> read("dimensions: []\n")).hasMessageContaining("rubric.yaml").hasMessageContaining("rubric_version");
        assertThatThrownBy(() -> read("""
                rubric_version: v1
                dimensions:
                  - name: tone
                    anchors: {1: a, 6: b}
                """)).hasMessageContaining("rubric.yaml: dimensions[0]").hasMessageContaining("1-5");
        assertThatThrownBy(() -> read("""
                rubric_version: v1
                dimensions:
                  - name: tone
                    anchors: {1: a, 5: b}
                  - name: tone
                    anchors: {1: a, 5: b}
                """)).hasMessageContaining("appears twice");
    }
}
