package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Exact McNemar p-values against R's binom.test (values checked with scipy 1.17.1's binomtest). */
class McNemarTest {
    @Test
    void twoSidedMatchesBinomTest() {
        // binom.test(1, 10): 2 * 11/1024
        assertThat(McNemar.twoSided(1, 9)).isCloseTo(0.021484375, within(1e-12));
        assertThat(McNemar.twoSided(9, 1)).isCloseTo(0.021484375, within(1e-12));
        assertThat(McNemar.twoSided(3, 12)).isCloseTo(0.03515625, within(1e-12));
        assertThat(McNemar.twoSided(5, 5)).isEqualTo(1);
        assertThat(McNemar.twoSided(0, 0)).isEqualTo(1);
    }

    @Test
    void oneSidedLooksOnlyAtTheCandidateGettingWorse() {
        // binom.test(12, 15, alternative = "greater")
        assertThat(McNemar.candidateWorse(12, 3)).isCloseTo(0.017578125, within(1e-12));
        // five cases lost, none gained: 1/32
        assertThat(McNemar.candidateWorse(5, 0)).isCloseTo(0.03125, within(1e-12));
        // b=1, c=9 is a gain for the candidate: no evidence of a drop
        assertThat(McNemar.candidateWorse(1, 9)).isCloseTo(1 - 0.0107421875 + 10 / 1024.0, within(1e-12));
        assertThat(McNemar.candidateWorse(0, 4)).isEqualTo(1);
    }

    @Test
    void aDesignEffectWeakensTheEvidence() {
        double independent = McNemar.candidateWorse(12, 3);
        assertThat(McNemar.candidateWorse(12, 3, 1.0)).isEqualTo(independent);
        double clustered = McNemar.candidateWorse(12, 3, 3.0);
        // z = 9 / sqrt(15 * 3) = 1.3416
        assertThat(clustered).isCloseTo(0.0898, within(1e-3)).isGreaterThan(independent);
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> McNemar.twoSided(-1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselineOnly=-1");
    }
}
