package dev.llmmon.maven;

import dev.llmmon.evals.export.ExportConfig;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export goal's binding, without Maven: fields set as Maven would, then core's configuration checked. */
class ExportEvalsMojoTest {

    private static ExportEvalsMojo mojo(Object... namesAndValues) throws ReflectiveOperationException {
        Map<String, Object> all = new HashMap<>(Map.ofEntries(
                Map.entry("basedir", new File("/project")), Map.entry("logs", List.of("logs/*.jsonl")),
                Map.entry("format", "auto"), Map.entry("featureAttribute", "app.feature_id"), Map.entry("window", "1h"),
                Map.entry("threads", 1), Map.entry("judgements", new File("/project/.llmmon/judgements.jsonl")),
                Map.entry("evalsDir", new File("/project/eval-cases/src/test/resources/evals")),
                Map.entry("outputDirectory", new File("/project/target/llmmon")),
                Map.entry("alerts", new File("/project/target/llmmon/alerts.json")), Map.entry("maxPerFeature", 50),
                Map.entry("nearDuplicate", 0.8), Map.entry("repeat", 3), Map.entry("minPassRate", 0.66),
                Map.entry("minScore", 4), Map.entry("maxCosine", 0.9)));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            all.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        ExportEvalsMojo m = new ExportEvalsMojo();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            Field f = field(e.getKey());
            f.setAccessible(true);
            f.set(m, e.getValue());
        }
        return m;
    }

    private static Field field(String name) throws NoSuchFieldException {
        for (Class<?> c = ExportEvalsMojo.class; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }

    @Test
    void defaultsSelectFlaggedJudgementsIntoTheSuiteFolder() throws Exception {
        ExportConfig c = mojo().exportConfig();
        assertThat(c.suiteDir()).isEqualTo(Path.of("/project/eval-cases/src/test/resources/evals"));
        assertThat(c.selection().byScore()).isFalse();
        assertThat(c.selection().alertId()).isNull();
        assertThat(c.maxPerFeature()).isEqualTo(50);
        assertThat(c.logs().logs()).containsExactly("logs/*.jsonl");
    }

    @Test
    void filtersAreBound() throws Exception {
        ExportConfig c = mojo("features", List.of("support-chat,summarize"), "dimension", " correctness ",
                "maxScore", 2.0, "from", "2026-11-20T00:00:00Z", "to", "2026-11-21T00:00:00Z", "alertId", "a1b2",
                "maxPerFeature", 5).exportConfig();
        assertThat(c.selection().features()).isEqualTo(Set.of("support-chat", "summarize"));
        assertThat(c.selection().dimension()).isEqualTo("correctness");
        assertThat(c.selection().maxScore()).isEqualTo(2.0);
        assertThat(c.selection().from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(c.selection().alertsFile()).isEqualTo(Path.of("/project/target/llmmon/alerts.json"));
        assertThat(c.maxPerFeature()).isEqualTo(5);
    }

    @Test
    void userRedactionPatternsReachTheExportersRedactor() throws Exception {
        String text = "ticket TCK-482913 from jane@example.com";
        assertThat(mojo().exportConfig().redactor().scope().redact(text).text())
                .isEqualTo("ticket TCK-482913 from <EMAIL_1>"); // the standard kinds only
        ExportConfig c = mojo("patterns", Map.of("ticket", "TCK-(?<value>\\d{6})")).exportConfig();
        assertThat(c.redactor().scope().redact(text).text()).isEqualTo("ticket TCK-<TICKET_1> from <EMAIL_1>");
        assertThatThrownBy(() -> mojo("patterns", Map.of("ticket", "TCK-(")).exportConfig())
                .hasMessageContaining("<patterns><ticket> is not a valid regex");
    }

    @Test
    void badValuesNameTheirParameter() {
        assertThatThrownBy(() -> mojo("from", "yesterday").exportConfig()).hasMessageContaining("llmmon.evals.from");
        assertThatThrownBy(() -> mojo("dimension", "tone").exportConfig()).hasMessageContaining("needs a maximum score");
        assertThatThrownBy(() -> mojo("nearDuplicate", 1.5).exportConfig()).hasMessageContaining("nearDuplicate");
    }
}
