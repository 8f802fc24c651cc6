package dev.llmmon.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The computed run lengths behind family calibration, against published values and against simulation with
 * fixed seeds (the charts themselves, with a known baseline, so only the ARL computation is under test).
 */
class RunLengthTest {

    @Test
    void reproducesThePublishedArls() {
        // Lucas & Saccucci (1990): λ = 0.1, L = 2.814 and λ = 0.2, L = 2.962 give 500; Montgomery Table 9.3: 465
        assertThat(RunLength.ewma(0.1, 2.814, Side.BOTH, 0)).isCloseTo(500, within(10.0));
        assertThat(RunLength.ewma(0.2, 2.962, Side.BOTH, 0)).isCloseTo(500, within(10.0));
        assertThat(RunLength.cusum(0.5, 5, Side.BOTH)).isCloseTo(465, within(0.02 * 465));
        assertThat(RunLength.cusum(0.5, 5, Side.UPPER)).isCloseTo(2 * RunLength.cusum(0.5, 5, Side.BOTH), within(1e-9));
        // the ±4σ clip hardly matters at the default limits (P(|u| > 4) ≈ 6·10⁻⁵)
        assertThat(RunLength.ewma(0.1, 2.814, Side.BOTH, 4)).isCloseTo(500, within(10.0));
    }

    @Test
    void solvedLimitsGiveTheTargetBack() {
        RunLength.EwmaLimits limits = RunLength.ewmaLimitsFor(0.1, 500, Side.BOTH, Kind.INDIVIDUAL);
        assertThat(limits.limitWidth()).isCloseTo(2.814, within(0.01));
        assertThat(limits.shewhartLimit()).isZero();
        RunLength.EwmaLimits family = RunLength.ewmaLimitsFor(0.1, 50_000, Side.UPPER, Kind.PROPORTION);
        assertThat(RunLength.ewma(0.1, family, Side.UPPER, Kind.PROPORTION, 0)).isCloseTo(50_000, within(500.0));
        assertThat(family.shewhartLimit()).isCloseTo(4.417, within(0.01)); // Φ⁻¹(1 − 1/200,000)
        double h = RunLength.cusumIntervalFor(0.5, 465, Side.BOTH);
        assertThat(h).isCloseTo(5, within(0.05));
    }

    @Test
    void aCalibratedOneSidedEwmaRunsAsLongAsComputed() {
        // INDIVIDUAL: values clipped at ±4, as the chart does; 400 runs at a target of 3000 windows
        RunLength.EwmaLimits limits = RunLength.ewmaLimitsFor(0.1, 3000, Side.UPPER, Kind.INDIVIDUAL);
        EwmaChart chart = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(Baseline.known(0, 1)).withSide(Side.UPPER)
                .withSmoothing(0.1, limits.limitWidth());
        double arl0 = Simulation.averageRunLength(chart, 31_000_000L, 400, 0);
        System.out.printf("EWMA upper L=%.3f (computed ARL0 3000): simulated ARL0 %.0f%n", limits.limitWidth(), arl0);
        assertThat(arl0).isCloseTo(3000, within(0.15 * 3000));
    }

    @Test
    void theCombinedShewhartEwmaChainMatchesSimulation() {
        // the recursion of EwmaChart with asymptotic limits and a Shewhart limit, on N(0, 1) scores
        RunLength.EwmaLimits limits = RunLength.ewmaLimitsFor(0.1, 2000, Side.BOTH, Kind.PROPORTION);
        double halfWidth = limits.limitWidth() * Math.sqrt(0.1 / 1.9);
        RandomGenerator rng = new Well19937c(32_000_000L);
        int runs = 1000;
        long total = 0;
        for (int run = 0; run < runs; run++) {
            double w = 0;
            for (int i = 1; ; i++) {
                double u = rng.nextGaussian();
                w = 0.1 * u + 0.9 * w;
                if (Math.abs(w) > halfWidth || Math.abs(u) > limits.shewhartLimit()) {
                    total += i;
                    break;
                }
            }
        }
        double arl0 = total / (double) runs;
        System.out.printf("Shewhart-EWMA L=%.3f S=%.3f (computed ARL0 2000): simulated %.0f%n", limits.limitWidth(),
                limits.shewhartLimit(), arl0);
        assertThat(arl0).isCloseTo(2000, within(0.15 * 2000));
    }

    @Test
    void widerFamilyLimitsCostAFewWindowsOfDelay() {
        // what the default family calibration trades (docs/detectors.md): ~100 charts at a family ARL0 of 500
        RunLength.EwmaLimits one = RunLength.ewmaLimitsFor(0.1, 500, Side.UPPER, Kind.INDIVIDUAL);
        RunLength.EwmaLimits family = RunLength.ewmaLimitsFor(0.1, 50_000, Side.UPPER, Kind.INDIVIDUAL);
        double[] shifts = {1, 2, 3};
        for (double shift : shifts) {
            double alone = RunLength.ewma(0.1, one, Side.UPPER, Kind.INDIVIDUAL, shift);
            double inFamily = RunLength.ewma(0.1, family, Side.UPPER, Kind.INDIVIDUAL, shift);
            System.out.printf("ARL1 at %.0f sigma: %.1f alone (L=%.3f), %.1f in a family of 100 (L=%.3f)%n", shift,
                    alone, one.limitWidth(), inFamily, family.limitWidth());
            assertThat(inFamily).isGreaterThan(alone).isLessThan(2.5 * alone);
        }
    }
}
