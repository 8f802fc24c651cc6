package dev.llmmon.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proportion charts' window score against a reference implementation: SciPy 1.17,
 * {@code lo = binom.cdf(x-1, n, p) + binom.pmf(x, n, p)/2; up = binom.sf(x, n, p) + binom.pmf(x, n, p)/2;
 * norm.ppf(lo) if lo <= up else -norm.ppf(up)}.
 */
class BinomialScoreTest {

    @ParameterizedTest(name = "{0} in {1} at p0 = {2}")
    @CsvSource({
        "3, 12, 0.05, 2.293753439946336",
        "1, 20, 0.00075, 2.432390596619855",
        "0, 20, 0.00075, -0.018667449089395858",
        "840, 12000, 0.05, 9.51008948097799",
        "17, 60, 0.01, 9.232757281300145",
        "50, 1000, 0.05, 0.021646548216163523",
        "0, 1000, 0.05, -9.875970443617387",
        "60, 60, 0.01, 23.363707424392715",
    })
    void matchesScipy(long events, long n, double p0, double expected) {
        assertThat(BinomialScore.of(events, n, p0)).isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void oneRareEventIsNotAnEightSigmaWindow() {
        // the normal approximation (p̂ − p0)/√(p0(1−p0)/n) says 8.0 here; such a window happens 1.5% of the time
        double approximation = (0.05 - 0.00075) / Math.sqrt(0.00075 * (1 - 0.00075) / 20);
        assertThat(approximation).isGreaterThan(8);
        assertThat(BinomialScore.of(1, 20, 0.00075)).isBetween(2.0, 2.6);
    }

    @Test
    void farTailsKeepTheirPrecision() {
        // Φ⁻¹ of 1e-100 by Newton steps on log Φ; commons-math's inverse would return −∞ below about 1e-16
        assertThat(BinomialScore.quantile(1e-100)).isCloseTo(-21.273453, within(1e-5));
        assertThat(BinomialScore.quantile(0.025)).isCloseTo(-1.959964, within(1e-6));
    }
}
