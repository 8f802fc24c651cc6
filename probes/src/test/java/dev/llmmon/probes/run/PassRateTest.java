package dev.llmmon.probes.run;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PassRateTest {
    @Test
    void matchesPublishedWilsonIntervals() {
        PassRate r = PassRate.of(4, 5);
        assertThat(r.low()).isCloseTo(0.3755, within(1e-4));
        assertThat(r.high()).isCloseTo(0.9638, within(1e-4));
        PassRate none = PassRate.of(0, 10);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.2775, within(1e-4));
        assertThat(r.toString()).isEqualTo("4/5 = 80% (95% CI 38%-96%)");
    }

    @Test
    void coversTheTrueRateAboutNinetyFivePercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(7);
        double p = 0.7;
        int n = 30, runs = 4000, covered = 0;
        for (int run = 0; run < runs; run++) {
            int passes = 0;
            for (int i = 0; i < n; i++) {
                passes += random.nextDouble() < p ? 1 : 0;
            }
            PassRate r = PassRate.of(passes, n);
            covered += r.low() <= p && p <= r.high() ? 1 : 0;
        }
        assertThat(covered / (double) runs).isBetween(0.92, 0.97);
    }
}
