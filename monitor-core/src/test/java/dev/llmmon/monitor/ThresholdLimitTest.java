package dev.llmmon.monitor;

import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdLimitTest {
    @Test
    void limitsAreExactDecimalsAndBlankMeansUnset() {
        assertThat(Thresholds.limit("maxErrorRate", "0.05")).isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(Thresholds.limit("maxErrorRate", " ")).isNull();
        assertThat(Thresholds.limit("maxErrorRate", null)).isNull();
        assertThat(Thresholds.limit("maxErrorRate", "0")).isZero();
    }

    @Test
    void aBadLimitNamesTheParameter() {
        assertThatThrownBy(() -> Thresholds.limit("maxP95LatencyMs", "fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxP95LatencyMs")
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> Thresholds.limit("maxErrorRate", "-0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void limitsByNameApplyGloballyAndAFeaturesZeroTurnsItsOwnOff() {
        Thresholds t = Thresholds.of(20, Map.of("maxMeanInputTokens", "4000"),
                List.of(new Thresholds.FeatureLimits("summarize", Map.of("maxMeanInputTokens", "0"))));
        List<Thresholds.Violation> violations = t.check(List.of(row("chat", 5000), row("summarize", 5000),
                row("search", 3000)));
        assertThat(violations).extracting(Thresholds.Violation::featureId).containsExactly("chat");
        assertThat(violations.get(0).metric()).isEqualTo(Metric.MEAN_INPUT_TOKENS);
        assertThat(violations.get(0).limit()).isEqualByComparingTo("4000");
    }

    @Test
    void anUnknownLimitOrAFeatureWithoutNameIsRefused() {
        assertThatThrownBy(() -> Thresholds.of(20, Map.of("maxLatency", "1"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLatency")
                .hasMessageContaining("maxP95LatencyMs");
        assertThatThrownBy(() -> Thresholds.of(20, Map.of(), List.of(new Thresholds.FeatureLimits(" ", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<feature>");
        assertThatThrownBy(() -> Thresholds.of(20, Map.of(),
                List.of(new Thresholds.FeatureLimits("chat", Map.of("maxErrorRate", "-1")))))
                .hasMessageContaining("featureThreshold[chat].maxErrorRate");
    }

    private static WindowMetrics row(String feature, double meanInputTokens) {
        Instant start = Instant.parse("2026-11-20T10:00:00Z");
        return new WindowMetrics(new GroupKey(start.toEpochMilli(), feature, "m", null, null), start,
                start.plus(Duration.ofHours(1)), 100, 0, 0, 0, 0, 500, 1000, 1500, 0.1, 0.001, 0, meanInputTokens,
                200, null);
    }
}
