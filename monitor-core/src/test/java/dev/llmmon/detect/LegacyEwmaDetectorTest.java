package dev.llmmon.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's rule measured on the same N(0,1) data as the standard charts (standard charts with known μ0 = 0,
 * σ = 1; the legacy rule with its 30-window warm-up). Numbers are quoted in docs/detectors.md.
 */
class LegacyEwmaDetectorTest {
    private static final int SERIES = 200;
    private static final int LENGTH = 1030; // the legacy rule's 30 warm-up windows + 1000 judged ones

    private record Rates(double flaggedPer1000, double episodesPer1000) {}

    /** Out-of-control windows and episodes per 1000 judged windows of in-control data. */
    private static Rates inControl(Detector detector, long baseSeed) {
        long flagged = 0;
        long episodes = 0;
        long judged = 0;
        for (int run = 0; run < SERIES; run++) {
            DetectionResult result = detector.run(Simulation.normal(baseSeed + run, LENGTH));
            episodes += result.episodes().size();
            for (PointResult p : result.points()) {
                flagged += p.outOfControl() ? 1 : 0;
                judged += p.status() == PointResult.Status.BASELINE ? 0 : 1;
            }
        }
        return new Rates(1000.0 * flagged / judged, 1000.0 * episodes / judged);
    }

    private record Detection(double runsDetecting, double shareFlagged) {}

    /** A 2σ shift over windows 100..149: share of runs that flag it at all, and share of its windows flagged. */
    private static Detection twoSigmaShift(Detector detector, long baseSeed) {
        int detecting = 0;
        int flagged = 0;
        for (int run = 0; run < SERIES; run++) {
            List<SeriesPoint> series = Simulation.normal(baseSeed + run, 150, 0, 1, 100, 2);
            long hits = detector.run(series).points().subList(100, 150).stream()
                    .filter(PointResult::outOfControl).count();
            detecting += hits > 0 ? 1 : 0;
            flagged += (int) hits;
        }
        return new Detection((double) detecting / SERIES, flagged / (50.0 * SERIES));
    }

    private static final LegacyEwmaDetector SEED = LegacyEwmaDetector.defaults();
    private static final EwmaChart EWMA = EwmaChart.of(Kind.INDIVIDUAL).withBaseline(Baseline.known(0, 1));

    @Test
    void seedDefaultsCanNeverFireBecauseThePointIsInsideItsOwnMeanAndVariance() {
        assertThat(SEED.largestPossibleDeviation()).isCloseTo(3.0, within(1e-12));
        Rates noise = inControl(SEED, 20_000_000L);
        Detection shift = twoSigmaShift(SEED, 21_000_000L);
        System.out.printf("legacy alpha=0.1 k=3: %s %s%n", noise, shift);
        assertThat(noise.flaggedPer1000()).isZero();
        assertThat(shift.runsDetecting()).isZero();
        // it misses even a 5 sigma step that the standard chart catches at once
        List<SeriesPoint> step = Simulation.normal(21, 200, 0, 1, 100, 5);
        assertThat(SEED.run(step).episodes()).isEmpty();
        assertThat(EwmaChart.of(Kind.INDIVIDUAL).run(step).episodes()).hasSize(1);
    }

    @Test
    void withAFireableKTheLegacyRuleCriesWolfMoreAndStillMissesSustainedShifts() {
        LegacyEwmaDetector k2 = SEED.withRule(0.1, 2);
        Rates legacyNoise = inControl(k2, 22_000_000L);
        Rates standardNoise = inControl(EWMA, 22_000_000L);
        Rates cusumNoise = inControl(CusumChart.of(Kind.INDIVIDUAL).withBaseline(Baseline.known(0, 1)), 22_000_000L);
        Rates legacyK25Noise = inControl(SEED.withRule(0.1, 2.5), 22_000_000L);
        Detection legacyShift = twoSigmaShift(k2, 23_000_000L);
        Detection standardShift = twoSigmaShift(EWMA, 23_000_000L);
        System.out.printf("in control per 1000 windows: legacy k=2 %s, legacy k=2.5 %s, EWMA %s, CUSUM %s%n",
                legacyNoise, legacyK25Noise, standardNoise, cusumNoise);
        System.out.printf("2 sigma shift for 50 windows: legacy k=2 %s, EWMA %s%n", legacyShift, standardShift);

        // false episodes: about 14 per 1000 windows against under 3 for the standard chart (ARL0 500; an episode can
        // re-open soon after a false alarm, so episodes per window run a little above 1/ARL0)
        assertThat(legacyNoise.episodesPer1000()).isBetween(11.0, 18.0);
        assertThat(standardNoise.episodesPer1000()).isBetween(1.5, 3.5);
        assertThat(legacyNoise.episodesPer1000()).isGreaterThan(4 * standardNoise.episodesPer1000());
        // k = 2.5 is quieter than the standard chart, and (like k = 3) close to deaf
        assertThat(legacyK25Noise.episodesPer1000()).isLessThan(standardNoise.episodesPer1000());
        // a sustained 2 sigma shift: the legacy rule absorbs it and flags only a window or two, often none
        assertThat(legacyShift.shareFlagged()).isLessThan(0.05);
        assertThat(legacyShift.runsDetecting()).isLessThan(0.8);
        assertThat(standardShift.runsDetecting()).isEqualTo(1.0);
        assertThat(standardShift.shareFlagged()).isGreaterThan(0.9);
    }
}
