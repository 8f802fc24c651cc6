package dev.llmmon.maven;

import dev.llmmon.alert.Severity;
import dev.llmmon.charting.BaselineSpec;
import dev.llmmon.charting.ChartType;
import dev.llmmon.charting.DetectionPlan;
import dev.llmmon.monitor.Alerting;
import dev.llmmon.monitor.Metric;
import dev.llmmon.monitor.InputPolicy;
import dev.llmmon.monitor.MonitoringConfig;
import dev.llmmon.series.SeriesMetric;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorMojoTest {
    /** A mojo with the parameters' defaults, as Maven would inject them, plus the given values. */
    private static MonitorMojo mojo(Map<String, Object> values) throws ReflectiveOperationException {
        MonitorMojo mojo = new MonitorMojo();
        Map<String, Object> all = new HashMap<>(Map.ofEntries(
                Map.entry("basedir", new File("/project")), Map.entry("logs", List.of("logs/*.jsonl")),
                Map.entry("format", "auto"), Map.entry("featureAttribute", "app.feature_id"),
                Map.entry("window", "1h"), Map.entry("threads", 2), Map.entry("sketchAccuracy", 0.01),
                Map.entry("maxErrorRate", "0"), Map.entry("maxRefusalRate", "0"), Map.entry("maxP95LatencyMs", "0"),
                Map.entry("maxP99LatencyMs", "0"), Map.entry("maxCostPerRequest", "0"),
                Map.entry("maxMeanInputTokens", "0"), Map.entry("maxMeanOutputTokens", "0"),
                Map.entry("minRequests", 20L), Map.entry("failOnViolation", true), Map.entry("detect", true),
                Map.entry("chart", "ewma"), Map.entry("detectFamilyArl", 500.0), Map.entry("detectMinRequests", 20L),
                Map.entry("baselineWindows", 30), Map.entry("baselineRecent", "1d"), Map.entry("failOnAlert", "none"),
                Map.entry("webhookUrlEnv", "LLMMON_WEBHOOK_URL"), Map.entry("inputDrift", "auto"),
                Map.entry("inputDriftRate", 0.10), Map.entry("inputDriftBaseUrl", "https://api.openai.com/v1"),
                Map.entry("inputDriftModel", "text-embedding-3-small"), Map.entry("inputDriftApiKeyEnv", "OPENAI_API_KEY"),
                Map.entry("alertCharts", true), Map.entry("survivorshipMaxAbandonment", 0.30),
                Map.entry("survivorshipMinPositive", 0.80), Map.entry("maxRejectedShare", "0.5"),
                Map.entry("failOnEmptyInput", true)));
        all.putAll(values);
        for (Map.Entry<String, Object> e : all.entrySet()) {
            Field field = field(MonitorMojo.class, e.getKey());
            field.setAccessible(true);
            field.set(mojo, e.getValue());
        }
        return mojo;
    }

    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> out = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }

    @Test
    void theDefaultsBindToTheCoreDefaults() throws Exception {
        MonitoringConfig config = mojo(values()).config();
        assertThat(config.read().baseDir()).isEqualTo(Path.of("/project"));
        assertThat(config.read().logs()).containsExactly("logs/*.jsonl");
        assertThat(config.read().threads()).isEqualTo(2);
        assertThat(config.detection().enabled()).isTrue();
        assertThat(config.detection().plan()).isEqualTo(DetectionPlan.defaults());
        // on when the offline model is on the plugin's class path, off otherwise (decided when the run opens it)
        assertThat(config.detection().inputDrift().kind()).isEqualTo("auto");
        assertThat(config.detection().alertCharts()).isTrue();
        assertThat(config.failOnViolation()).isTrue();
        assertThat(config.alerting()).isEqualTo(new Alerting(null, "LLMMON_WEBHOOK_URL", null));
        assertThat(config.thresholds().isEmpty()).isTrue();
        assertThat(config.input()).isEqualTo(InputPolicy.defaults());
    }

    @Test
    void theInputPolicyBinds() throws Exception {
        MonitoringConfig config = mojo(values("maxRejectedShare", "0.05", "failOnEmptyInput", false)).config();
        assertThat(config.input().maxRejectedShare()).isEqualByComparingTo("0.05");
        assertThat(config.input().failOnEmptyInput()).isFalse();
        assertThatThrownBy(() -> mojo(values("maxRejectedShare", "5%")).config())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("maxRejectedShare")
                .hasMessageContaining("'5%'");
        assertThatThrownBy(() -> mojo(values("maxRejectedShare", "2")).config())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("between 0 (off) and 1");
    }

    @Test
    void detectionParametersBindToThePlan() throws Exception {
        MonitoringConfig config = mojo(values("chart", "cusum", "detectFamilyArl", 0.0,
                "detectMetrics", List.of("error_rate, latency_p95_ms"), "detectMinRequests", 50L,
                "baselineTrailing", "14d", "baselineBeforeChange", "7d", "changes", List.of("changes.jsonl"),
                "seriesStore", new File("/store"), "failOnAlert", "major", "inputDrift", "minilm",
                "inputDriftRate", 0.25)).config();
        DetectionPlan plan = config.detection().plan();
        assertThat(plan.chart()).isEqualTo(ChartType.CUSUM);
        assertThat(plan.familyCalibrated()).isFalse();
        assertThat(plan.minCount()).isEqualTo(50);
        assertThat(plan.metrics()).containsExactlyInAnyOrder(SeriesMetric.ERROR_RATE, SeriesMetric.LATENCY_P95_MS);
        // a trailing baseline wins over one before the last change
        assertThat(plan.baseline()).isEqualTo(new BaselineSpec.Trailing(Duration.ofDays(14), Duration.ofDays(1)));
        assertThat(config.detection().changes()).containsExactly("changes.jsonl");
        assertThat(config.detection().seriesStore()).isEqualTo(Path.of("/store"));
        assertThat(config.alerting().failOnAlert()).isEqualTo(Severity.MAJOR);
        assertThat(config.detection().inputDrift().kind()).isEqualTo("minilm");
        assertThat(config.detection().inputDrift().plan().rate()).isEqualTo(0.25);
    }

    @Test
    void aPinnedBaselineWinsAndNeedsItsEnd() throws Exception {
        assertThat(mojo(values("baselineFrom", "2026-01-01T00:00:00Z", "baselineTo", "2026-01-08T00:00:00Z",
                "baselineTrailing", "14d")).config().detection().plan().baseline())
                .isEqualTo(new BaselineSpec.Pinned(Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-08T00:00:00Z")));
        assertThatThrownBy(() -> mojo(values("baselineFrom", "2026-01-01T00:00:00Z")).config())
                .isInstanceOf(MojoExecutionException.class).hasMessage("llmmon: llmmon.baselineFrom needs llmmon.baselineTo");
    }

    @Test
    void thresholdsBindGloballyAndPerFeature() throws Exception {
        FeatureThreshold chat = new FeatureThreshold();
        chat.feature = "support-chat";
        chat.maxErrorRate = "0.02";
        MonitoringConfig config = mojo(values("maxErrorRate", "0.05", "failOnViolation", false,
                "featureThresholds", List.of(chat))).config();
        assertThat(config.failOnViolation()).isFalse();
        assertThat(config.thresholds().isEmpty()).isFalse();
        assertThat(config.thresholds().limitsFor("support-chat").get(Metric.ERROR_RATE)).isEqualByComparingTo("0.02");
        assertThat(config.thresholds().limitsFor("summarize").get(Metric.ERROR_RATE)).isEqualByComparingTo("0.05");
    }

    @Test
    void badValuesFailWithTheParametersName() {
        assertThatThrownBy(() -> mojo(values("maxP95LatencyMs", "fast")).config())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("maxP95LatencyMs")
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> mojo(values("detectMetrics", List.of("vibes"))).config())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("unknown metric 'vibes'");
        assertThatThrownBy(() -> mojo(values("inputDrift", "word2vec")).config())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("none, minilm or openai");
        assertThatThrownBy(() -> mojo(values("featureThresholds", List.of(new FeatureThreshold()))).config())
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("needs a <feature>");
    }

    @Test
    void listParametersAcceptCommaSeparatedProperties() {
        assertThat(AbstractLogsMojo.clean(List.of("a.jsonl, b/ ,", "c*.gz"))).containsExactly("a.jsonl", "b/", "c*.gz");
        assertThat(AbstractLogsMojo.clean(null)).isEmpty();
    }
}
