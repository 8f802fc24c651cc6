package dev.llmmon.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorMojoTest {
    @Test
    void limitsAreExactDecimalsAndBlankMeansUnset() throws MojoExecutionException {
        assertThat(MonitorMojo.limit("maxErrorRate", "0.05")).isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(MonitorMojo.limit("maxErrorRate", " ")).isNull();
        assertThat(MonitorMojo.limit("maxErrorRate", null)).isNull();
        assertThat(MonitorMojo.limit("maxErrorRate", "0")).isZero();
    }

    @Test
    void aBadLimitNamesTheParameter() {
        assertThatThrownBy(() -> MonitorMojo.limit("maxP95LatencyMs", "fast"))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("maxP95LatencyMs")
                .hasMessageContaining("'fast'");
        assertThatThrownBy(() -> MonitorMojo.limit("maxErrorRate", "-0.1"))
                .isInstanceOf(MojoExecutionException.class).hasMessageContaining("negative");
    }

    @Test
    void listParametersAcceptCommaSeparatedProperties() {
        assertThat(AbstractLogsMojo.clean(List.of("a.jsonl, b/ ,", "c*.gz"))).containsExactly("a.jsonl", "b/", "c*.gz");
        assertThat(AbstractLogsMojo.clean(null)).isEmpty();
    }
}
