package dev.llmmon.gate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tango's bounds against an independent computation: the restricted likelihood maximised numerically (scipy's
 * minimize_scalar) and the score equation solved by brentq, at z = 1.6449 (one-sided 95%).
 */
class TangoTest {
    private static final double Z95 = 1.6448536269514722;

    @ParameterizedTest
    @CsvSource({
            "0, 0, 10, -0.212942, 0.212942",
            "2, 8, 100, -0.119750, -0.009168",
            "5, 1, 50, -0.000724, 0.175558",
            "0, 3, 20, -0.321828, -0.012968",
            "0, 0, 200, -0.013347, 0.013347",
            "10, 25, 300, -0.084085, -0.018257"})
    void boundsMatchTheNumericalSolution(int candidateOnly, int baselineOnly, int cases, double lower, double upper) {
        Interval i = Tango.bounds(candidateOnly, baselineOnly, cases, Z95);
        assertThat(i.estimate()).isCloseTo((double) (candidateOnly - baselineOnly) / cases, within(1e-12));
        assertThat(i.lower()).isCloseTo(lower, within(2e-6));
        assertThat(i.upper()).isCloseTo(upper, within(2e-6));
    }

    @Test
    void noDiscordantPairHasTheClosedFormBound() {
        // b = c = 0: Z(delta) = sqrt(n |delta| / (1 - |delta|)), so |lower| = z^2 / (n + z^2)
        double z2 = Z95 * Z95;
        assertThat(Tango.bounds(0, 0, 133, Z95).lower()).isCloseTo(-z2 / (133 + z2), within(1e-9));
    }
}
