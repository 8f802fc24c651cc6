package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PowerTest {
    @Test
    void connorsFormulaGivesTheIssuesNumber() {
        // [1.96 sqrt(0.1) + 0.8416 sqrt(0.0975)]^2 / 0.0025 = 311.6
        int n = Power.casesNeeded(0.05, 0.10, 0.05, 0.8);
        assertThat(n).isEqualTo(312).isBetween(310, 340);
    }

    @Test
    void theMinimumDetectableEffectInvertsTheSampleSize() {
        double mde = Power.minimumDetectableEffect(312, 0.10, 0.05, 0.8);
        assertThat(mde).isCloseTo(0.05, within(2e-4)).isLessThanOrEqualTo(0.05);
        assertThat(Power.casesNeeded(mde, 0.10, 0.05, 0.8)).isEqualTo(312);
        // four times the cases, about half the effect
        assertThat(Power.minimumDetectableEffect(1248, 0.10, 0.05, 0.8)).isCloseTo(0.025, within(1e-3));
    }

    @Test
    void aTinySuiteDetectsNothing() {
        assertThat(Power.minimumDetectableEffect(3, 0.10, 0.05, 0.8)).isEqualTo(1);
    }

    @Test
    void theGateWarnsWhenTheMarginIsOutOfReach() {
        PowerEstimate small = GateStatistics.power(40, 0.10, GatePolicy.defaults());
        assertThat(small.canDetectMargin()).isFalse();
        assertThat(small.minimumDetectableEffect()).isGreaterThan(0.1);
        assertThat(small.message()).startsWith("low power: 40 cases").contains("2.0-point margin");
        PowerEstimate big = GateStatistics.power(400, 0.10, GatePolicy.defaults().withMargin(0.05));
        assertThat(big.canDetectMargin()).isTrue();
    }

    @Test
    void rejectsAnImpossibleDiscordantShare() {
        assertThatThrownBy(() -> Power.casesNeeded(0.05, 0, 0.05, 0.8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discordantShare");
    }
}
