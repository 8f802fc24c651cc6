package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rubric scores can fail the gate ({@link GatePolicy#withScoreMargin}): a significant drop beyond the score margin
 * fails even when every case still passes; without the option scores are reported only. The false-fail rate is
 * measured by simulation with fixed seeds (docs/gate-statistics.md, "Scores").
 */
class ScoreMarginTest {
    private static final int RUNS = 600;
    private static final double SCORE_MARGIN = 0.25;
    private static final GatePolicy POLICY = GatePolicy.defaults().withBootstrapResamples(500)
            .withScoreMargin(SCORE_MARGIN);

    /**
     * One suite: every case passes on both sides (pass rates cannot tell them apart), per-case mean scores around 3.5
     * (sd 0.6) on the baseline and shifted by {@code delta} with noise (sd 0.5) on the candidate, within 1..5.
     */
    private static List<CaseOutcome> suite(SplittableRandom random, int n, double delta) {
        List<CaseOutcome> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double b = clip(3.5 + 0.6 * gaussian(random));
            double k = clip(b + delta + 0.5 * gaussian(random));
            cases.add(new CaseOutcome("c" + i, "support-chat", null, 3, 3, 3, 3, OptionalDouble.of(b),
                    OptionalDouble.of(k), 0.66));
        }
        return cases;
    }

    private static double gaussian(SplittableRandom r) { // Box-Muller, from the seeded generator only
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double clip(double s) {
        return Math.max(1, Math.min(5, s));
    }

    @Test
    void aClearScoreDropFailsOnlyWhenScoresAreAskedToDecide() {
        List<CaseOutcome> cases = suite(new SplittableRandom(7), 80, -0.8);
        GateVerdict reported = GateStatistics.decide(cases, GatePolicy.defaults());
        assertThat(reported.decision()).isNotEqualTo(Decision.FAIL); // every case passes on both sides
        assertThat(reported.features().get(0).wilcoxonP().getAsDouble()).isLessThan(0.001);

        GateVerdict decided = GateStatistics.decide(cases, POLICY);
        assertThat(decided.decision()).isEqualTo(Decision.FAIL);
        assertThat(decided.reason()).contains("support-chat scores lower", "0.25-point score margin", "Wilcoxon Holm p");
    }

    @Test
    void aSignificantDropWithinTheMarginDoesNotFail() {
        // 400 cases detect a 0.1-point drop, but 0.1 is within the 0.25-point margin
        GateVerdict v = GateStatistics.decide(suite(new SplittableRandom(11), 400, -0.1), POLICY);
        assertThat(v.features().get(0).wilcoxonP().getAsDouble()).isLessThan(0.05);
        assertThat(v.decision()).isNotEqualTo(Decision.FAIL);
    }

    /** Share of suites whose score rule fails them, among {@link #RUNS} suites of {@code n} cases, seed fixed. */
    private static double failRate(long seed, int n, double delta) {
        SplittableRandom random = new SplittableRandom(seed);
        int fails = 0;
        for (int run = 0; run < RUNS; run++) {
            if (GateStatistics.decide(suite(random, n, delta), POLICY.withSeed(run)).decision() == Decision.FAIL) {
                fails++;
            }
        }
        double rate = (double) fails / RUNS;
        System.out.printf(Locale.ROOT, "| %d | %+.2f | %.4f |%n", n, delta, rate);
        return rate;
    }

    @Test
    void falseFailRateIsAtMostAlphaAtTheMarginAndNearZeroWithoutADrop() {
        double mcError = 3 * Math.sqrt(0.05 * 0.95 / RUNS);
        // no drop at all: both conditions must hold by chance
        assertThat(failRate(1, 80, 0)).isLessThanOrEqualTo(0.05 + mcError);
        // a drop of exactly the margin is not beyond it: failing it is the false fail the margin allows at alpha
        assertThat(failRate(2, 80, -SCORE_MARGIN)).isLessThanOrEqualTo(0.05 + mcError);
        // twice the margin: the drop the option exists to catch (power, asserted loosely)
        assertThat(failRate(3, 80, -2 * SCORE_MARGIN)).isGreaterThan(0.5);
    }
}
