package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's error rates measured by simulation with fixed seeds (the table in docs/gate-statistics.md comes from
 * this test's output). Cases are drawn as pass/fail pairs with a discordant share psi and a true difference delta:
 * P(baseline only) = (psi - delta) / 2, P(candidate only) = (psi + delta) / 2. Bounds allow three Monte Carlo
 * standard errors.
 */
class GateErrorRatesTest {
    private static final int RUNS = 2000;
    private static final GatePolicy POLICY = GatePolicy.defaults();

    /** One simulated suite: n cases of each named feature, optionally in clusters of near-copies. */
    private static List<CaseOutcome> suite(SplittableRandom random, int n, double psi, double delta, int features,
                                           int clusterSize, double copy) {
        return suite(random, n, psi, delta, features, clusterSize, copy, true);
    }

    private static List<CaseOutcome> suite(SplittableRandom random, int n, double psi, double delta, int features,
                                           int clusterSize, double copy, boolean declare) {
        List<CaseOutcome> cases = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            int[] last = null;
            for (int i = 0; i < n; i++) {
                int[] pair;
                if (clusterSize > 1 && i % clusterSize != 0 && random.nextDouble() < copy) {
                    pair = last;
                } else {
                    pair = draw(random, psi, delta);
                }
                last = pair;
                String cluster = clusterSize > 1 && declare ? "c" + f + "-" + i / clusterSize : null;
                cases.add(new CaseOutcome("f" + f + "-" + i, "feature-" + f, cluster, 1, pair[0], 1, pair[1],
                        OptionalDouble.empty(), OptionalDouble.empty()));
            }
        }
        return cases;
    }

    private static int[] draw(SplittableRandom random, double psi, double delta) {
        double u = random.nextDouble();
        double baselineOnly = (psi - delta) / 2;
        double candidateOnly = (psi + delta) / 2;
        if (u < baselineOnly) {
            return new int[]{1, 0};
        }
        if (u < baselineOnly + candidateOnly) {
            return new int[]{0, 1};
        }
        // concordant: both pass 80% of the time
        return random.nextDouble() < 0.8 ? new int[]{1, 1} : new int[]{0, 0};
    }

    private record Rates(double pass, double fail, double meanCases) {
        double mcError(double p) {
            return 3 * Math.sqrt(p * (1 - p) / RUNS);
        }
    }

    private static Rates fixed(long seed, int n, double psi, double delta, int features, int clusterSize,
                               double copy) {
        return fixed(seed, n, psi, delta, features, clusterSize, copy, true);
    }

    private static Rates fixed(long seed, int n, double psi, double delta, int features, int clusterSize,
                               double copy, boolean declare) {
        SplittableRandom random = new SplittableRandom(seed);
        int pass = 0;
        int fail = 0;
        for (int r = 0; r < RUNS; r++) {
            Decision d = GateStatistics.decide(suite(random, n, psi, delta, features, clusterSize, copy, declare), POLICY)
                    .decision();
            pass += d == Decision.PASS ? 1 : 0;
            fail += d == Decision.FAIL ? 1 : 0;
        }
        return report(declare ? "fixed" : "fixed, clusters undeclared", n, psi, delta, features, clusterSize, new Rates((double) pass / RUNS,
                (double) fail / RUNS, n * features));
    }

    private static Rates sequential(long seed, int n, double psi, double delta) {
        SplittableRandom random = new SplittableRandom(seed);
        int pass = 0;
        int fail = 0;
        long used = 0;
        for (int r = 0; r < RUNS; r++) {
            List<CaseOutcome> cases = suite(random, n, psi, delta, 1, 1, 0);
            GateVerdict v = SequentialGateTest.run(SequentialGate.start(POLICY.withSequential(true)), cases,
                    POLICY.batchSize());
            pass += v.decision() == Decision.PASS ? 1 : 0;
            fail += v.decision() == Decision.FAIL ? 1 : 0;
            used += v.casesUsed();
        }
        return report("sequential", n, psi, delta, 1, 1, new Rates((double) pass / RUNS, (double) fail / RUNS,
                (double) used / RUNS));
    }

    private static Rates report(String mode, int n, double psi, double delta, int features, int clusterSize,
                                Rates rates) {
        System.out.printf(Locale.ROOT, "| %s | %d x %d | %s | %.2f | %+.2f | %.4f | %.4f | %.0f |%n", mode, features, n,
                clusterSize > 1 ? "clusters of " + clusterSize : "independent", psi, delta, rates.pass(), rates.fail(),
                rates.meanCases());
        return rates;
    }

    @Test
    void fixedDesignPassesACandidateWorseByTheMarginAtMostAlphaOfTheTime() {
        Rates r = fixed(1, 500, 0.10, -POLICY.margin(), 1, 1, 0);
        assertThat(r.pass()).isLessThanOrEqualTo(POLICY.alpha() + r.mcError(POLICY.alpha()));
    }

    @Test
    void fixedDesignFailsAnEqualCandidateAtMostAlphaOfTheTimeAcrossFeatures() {
        Rates one = fixed(2, 300, 0.10, 0, 1, 1, 0);
        assertThat(one.fail()).isLessThanOrEqualTo(POLICY.alpha() + one.mcError(POLICY.alpha()));
        Rates three = fixed(3, 300, 0.10, 0, 3, 1, 0);
        assertThat(three.fail()).isLessThanOrEqualTo(POLICY.alpha() + three.mcError(POLICY.alpha()));
    }

    @Test
    void clusteredNearCopiesDoNotPassForIndependentEvidence() {
        // 50 clusters of 10 cases, 90% of each cluster copying its first case: about 95 independent cases
        Rates r = fixed(4, 500, 0.10, -POLICY.margin(), 1, 10, 0.9);
        assertThat(r.pass()).isLessThanOrEqualTo(POLICY.alpha() + r.mcError(POLICY.alpha()));
        Rates equal = fixed(10, 500, 0.10, 0, 1, 10, 0.9);
        assertThat(equal.fail()).isLessThanOrEqualTo(POLICY.alpha() + equal.mcError(POLICY.alpha()));
        // the same suites with the clusters left out of the case files: the error rate the clustering prevents
        Rates undeclared = fixed(4, 500, 0.10, -POLICY.margin(), 1, 10, 0.9, false);
        assertThat(undeclared.pass()).isGreaterThan(2 * POLICY.alpha());
    }

    @Test
    void fixedDesignHasThePlannedPowerForAFivePointDrop() {
        int n = Power.casesNeeded(0.05, 0.10, POLICY.alpha(), POLICY.power());
        Rates r = fixed(5, n, 0.10, -0.05, 1, 1, 0);
        assertThat(r.fail()).isGreaterThanOrEqualTo(POLICY.power() - r.mcError(POLICY.power()));
        assertThat(r.pass()).isZero();
    }

    @Test
    void sequentialModeKeepsBothErrorRatesDespitePeeking() {
        Rates worseByMargin = sequential(6, 500, 0.10, -POLICY.margin());
        assertThat(worseByMargin.pass()).isLessThanOrEqualTo(POLICY.alpha() + worseByMargin.mcError(POLICY.alpha()));
        Rates equal = sequential(7, 500, 0.10, 0);
        assertThat(equal.fail()).isLessThanOrEqualTo(POLICY.alpha() + equal.mcError(POLICY.alpha()));
    }

    @Test
    void sequentialModeStopsEarlyOnAClearRegression() {
        Rates drop = sequential(8, 500, 0.20, -0.10);
        assertThat(drop.fail()).isGreaterThan(0.9);
        assertThat(drop.meanCases()).isLessThan(300);
        Rates planned = sequential(9, 312, 0.10, -0.05);
        assertThat(planned.fail()).isGreaterThan(0.5);
        assertThat(planned.meanCases()).isLessThan(312);
    }
}
