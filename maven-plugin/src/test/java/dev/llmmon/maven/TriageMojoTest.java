package dev.llmmon.maven;

import dev.llmmon.triage.TriageConfig;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The triage goal's binding, without Maven: fields set as Maven would, then core's configuration checked. */
class TriageMojoTest {

    private static TriageMojo mojo(Object... namesAndValues) {
        TriageMojo m = new TriageMojo();
        Object[] defaults = {"basedir", new File("/project"), "logs", List.of("logs/*.jsonl"), "format", "auto",
                "featureAttribute", "app.feature_id", "window", "1h", "threads", 1,
                "alerts", new File("/project/target/llmmon/alerts.json"),
                "judgements", new File("/project/.llmmon/judgements.jsonl"), "reference", "48h", "bundleSize", 20,
                "stratifyBy", List.of("model,query_category"), "minSupport", 30, "alpha", 0.05, "maxValuesPerKey", 30,
                "seed", 42L, "outputDirectory", new File("/project/target/llmmon")};
        for (int i = 0; i < defaults.length; i += 2) {
            MojoFields.set(m, (String) defaults[i], defaults[i + 1]);
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            MojoFields.set(m, (String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void anAlertIdBindsTheAlertsFileAndTheDefaults() {
        TriageConfig c = mojo("alertId", " abca7d91be08fd3c ", "changes", List.of("changes.jsonl")).triageConfig();
        assertThat(c.target().alertId()).isEqualTo("abca7d91be08fd3c");
        assertThat(c.target().alertsFile()).isEqualTo(Path.of("/project/target/llmmon/alerts.json"));
        assertThat(c.target().metric()).isNull();
        assertThat(c.judgements()).as("no store on disk: none").isNull();
        assertThat(c.changes()).containsExactly("changes.jsonl");
        assertThat(c.referenceSpan()).isEqualTo(Duration.ofHours(48));
        assertThat(c.bundleSize()).isEqualTo(20);
        assertThat(c.stratifyBy()).containsExactly("model", "query_category");
        assertThat(c.minSupport()).isEqualTo(30);
        assertThat(c.alpha()).isEqualTo(0.05);
        assertThat(c.outDir()).isEqualTo(Path.of("/project/target/llmmon"));
        assertThat(c.logs().logs()).containsExactly("logs/*.jsonl");
    }

    @Test
    void aFeatureAndTimeRangeNeedAMetricAndAnOrderedRange() {
        TriageConfig c = mojo("feature", "support-chat", "metric", "error_rate", "from", "2026-11-19T00:00:00Z",
                "to", "2026-11-20T00:00:00Z", "reference", "1d", "metric", "error_rate").triageConfig();
        assertThat(c.target().feature()).isEqualTo("support-chat");
        assertThat(c.target().from()).isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
        assertThat(c.referenceSpan()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> mojo("feature", "support-chat", "from", "2026-11-19T00:00:00Z",
                "to", "2026-11-20T00:00:00Z").triageConfig()).hasMessageContaining("llmmon.triage.metric");
        assertThatThrownBy(() -> mojo().triageConfig()).hasMessageContaining("llmmon.triage.alertId");
        assertThatThrownBy(() -> mojo("feature", "x", "metric", "error_rate", "from", "yesterday", "to",
                "2026-11-20T00:00:00Z").triageConfig()).hasMessageContaining("llmmon.triage.from");
    }
}
