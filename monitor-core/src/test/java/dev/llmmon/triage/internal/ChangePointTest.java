package dev.llmmon.triage.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The change-point estimate on seeded binomial series with a known step. */
class ChangePointTest {

    private static long[][] series(long seed, int length, int step, double before, double after) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] n = new long[length];
        long[] bad = new long[length];
        for (int i = 0; i < length; i++) {
            // hourly traffic with a day curve: 20 to 140 requests
            n[i] = 20 + Math.round(60 * (1 + Math.sin(2 * Math.PI * i / 24.0))) + r.nextInt(20);
            double p = i < step ? before : after;
            for (int k = 0; k < n[i]; k++) {
                bad[i] += r.nextDouble() < p ? 1 : 0;
            }
        }
        return new long[][]{n, bad};
    }

    @Test
    void estimatesAStepWithinTwoWindowsAndItsIntervalCoversIt() {
        int within = 0;
        int covered = 0;
        int seeds = 60;
        for (long seed = 1; seed <= seeds; seed++) {
            long[][] s = series(seed, 96, 60, 0.05, 0.15);
            ChangePoint.Estimate e = ChangePoint.estimate(s[0], s[1], 200, seed);
            assertThat(e).isNotNull();
            within += Math.abs(e.index() - 60) <= 2 ? 1 : 0;
            covered += e.low() <= 60 && 60 <= e.high() ? 1 : 0;
            assertThat(e.low()).isLessThanOrEqualTo(e.index());
            assertThat(e.high()).isGreaterThanOrEqualTo(e.index());
            assertThat(e.after()).isGreaterThan(e.before());
        }
        System.out.printf("ChangePointTest: within 2 windows %d/%d, 90%% interval covers the step %d/%d%n", within,
                seeds, covered, seeds);
        assertThat(within).isGreaterThanOrEqualTo(seeds * 9 / 10);
        assertThat(covered).isGreaterThanOrEqualTo(seeds * 3 / 4);
    }

    @Test
    void aFlatOrFallingSeriesHasNoRise() {
        assertThat(ChangePoint.estimate(new long[]{10, 10, 10}, new long[]{1, 1, 1}, 10, 1)).isNull();
        long[][] falling = series(3, 48, 24, 0.30, 0.02);
        ChangePoint.Estimate e = ChangePoint.estimate(falling[0], falling[1], 50, 3);
        // a fall has no rising split near it: whatever is found is small and not at the fall
        if (e != null) {
            assertThat(e.after() - e.before()).isLessThan(0.1);
        }
    }
}
