package dev.llmmon.monitor;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

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
}
