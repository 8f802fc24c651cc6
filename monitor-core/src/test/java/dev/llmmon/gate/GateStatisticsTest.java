package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GateStatisticsTest {
    private static final GatePolicy DEFAULTS = GatePolicy.defaults();

    /** Single-run cases of one feature: both pass, baseline only, candidate only, neither. */
    static List<CaseOutcome> cases(String feature, int both, int baselineOnly, int candidateOnly, int neither) {
        List<CaseOutcome> out = new ArrayList<>();
        add(out, feature, both, 1, 1);
        add(out, feature, baselineOnly, 1, 0);
        add(out, feature, candidateOnly, 0, 1);
        add(out, feature, neither, 0, 0);
        return out;
    }

    private static void add(List<CaseOutcome> out, String feature, int count, int base, int cand) {
        for (int i = 0; i < count; i++) {
            out.add(new CaseOutcome(feature + "-" + base + cand + "-" + i, feature, null, 1, base, 1, cand,
                    OptionalDouble.empty(), OptionalDouble.empty()));
        }
    }

    @Test
    void anEqualCandidateOnALargeSuitePasses() {
        GateVerdict v = GateStatistics.decide(cases("chat", 380, 5, 5, 10), DEFAULTS);
        assertThat(v.decision()).isEqualTo(Decision.PASS);
        FeatureVerdict f = v.features().get(0);
        assertThat(f.cases()).isEqualTo(400);
        assertThat(f.difference()).isEqualTo(0);
        assertThat(f.lower()).isGreaterThanOrEqualTo(-0.02).isLessThan(0);
        assertThat(v.reason()).contains("non-inferior");
        assertThat(v.overall().decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void anEqualCandidateOnTenCasesCannotProveTwoPoints() {
        GateVerdict v = GateStatistics.decide(cases("chat", 10, 0, 0, 0), DEFAULTS);
        assertThat(v.decision()).isEqualTo(Decision.INCONCLUSIVE);
        // Tango: z^2 / (n + z^2) = 0.213
        assertThat(v.features().get(0).lower()).isCloseTo(-0.2129, within(1e-3));
        assertThat(v.power().canDetectMargin()).isFalse();
        assertThat(v.reason()).contains("cannot tell").contains("low power");
    }

    @Test
    void aClearRegressionFails() {
        GateVerdict v = GateStatistics.decide(cases("extract", 70, 20, 1, 9), DEFAULTS);
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        FeatureVerdict f = v.features().get(0);
        assertThat(f.difference()).isCloseTo(-0.19, within(1e-12));
        assertThat(f.baselineOnly()).isEqualTo(20);
        assertThat(f.candidateOnly()).isEqualTo(1);
        assertThat(f.mcnemarP()).isCloseTo(McNemar.candidateWorse(20, 1), within(1e-15)).isLessThan(1e-4);
        assertThat(f.upper()).isLessThan(0);
        assertThat(v.reason()).contains("extract is worse").contains("-19.0 points");
    }

    @Test
    void aFloorFailsAnotherwiseEqualFeature() {
        GateVerdict v = GateStatistics.decide(cases("refusal", 380, 5, 5, 10), DEFAULTS.withFloor("refusal", 0.99));
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        assertThat(v.features().get(0).floorBreached()).isTrue();
        assertThat(v.overall().floorBreached()).isTrue();
        assertThat(v.reason()).contains("refusal passes 96.3% of cases, below its floor of 99.0%");
        GateVerdict typo = GateStatistics.decide(cases("refusal", 380, 5, 5, 10), DEFAULTS.withFloor("refusals", 0.5));
        assertThat(typo.decision()).isEqualTo(Decision.PASS);
        assertThat(typo.reason()).endsWith("; no cases for the floor of refusals");
    }

    @Test
    void holmCorrectsTheWorseClaimAcrossFeatures() {
        // one feature alone: 6 lost, 0 gained, p = 1/64 < 0.05; beside three other features Holm multiplies by 4
        List<CaseOutcome> all = new ArrayList<>(cases("a", 54, 6, 0, 0));
        all.addAll(cases("b", 60, 0, 0, 0));
        all.addAll(cases("c", 60, 0, 0, 0));
        all.addAll(cases("d", 60, 0, 0, 0));
        GateVerdict alone = GateStatistics.decide(cases("a", 54, 6, 0, 0), DEFAULTS);
        GateVerdict together = GateStatistics.decide(all, DEFAULTS);
        assertThat(alone.features().get(0).decision()).isEqualTo(Decision.FAIL);
        FeatureVerdict a = together.features().get(0);
        assertThat(a.feature()).isEqualTo("a");
        assertThat(a.mcnemarP()).isCloseTo(1 / 64.0, within(1e-12));
        assertThat(a.adjustedP()).isCloseTo(4 / 64.0, within(1e-12));
        assertThat(a.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(together.features()).extracting(FeatureVerdict::feature).containsExactly("a", "b", "c", "d");
    }

    @Test
    void sharedClustersWidenTheInterval() {
        // the same 300 pairs, first as independent cases, then as 15 clusters of 20 near-copies
        List<CaseOutcome> independent = cases("chat", 270, 20, 10, 0);
        List<CaseOutcome> clustered = new ArrayList<>();
        for (int i = 0; i < independent.size(); i++) {
            CaseOutcome c = independent.get(i);
            clustered.add(new CaseOutcome(c.caseId(), c.feature(), "conv-" + (i / 20), 1, c.baselinePasses(), 1,
                    c.candidatePasses(), OptionalDouble.empty(), OptionalDouble.empty()));
        }
        FeatureVerdict plain = GateStatistics.decide(independent, DEFAULTS).features().get(0);
        FeatureVerdict wide = GateStatistics.decide(clustered, DEFAULTS).features().get(0);
        assertThat(wide.difference()).isEqualTo(plain.difference());
        assertThat(wide.lower()).isLessThan(plain.lower() - 0.01);
        assertThat(wide.mcnemarP()).isGreaterThan(plain.mcnemarP());
    }

    @Test
    void flakyCasesAreListedAndCanBeQuarantined() {
        List<CaseOutcome> all = new ArrayList<>(cases("chat", 200, 0, 0, 0));
        all.add(new CaseOutcome("wobbly", "chat", null, 5, 2, 5, 0, OptionalDouble.empty(), OptionalDouble.empty(),
                0.4));
        GateVerdict kept = GateStatistics.decide(all, DEFAULTS);
        assertThat(kept.flakyCases()).containsExactly("wobbly");
        assertThat(kept.casesUsed()).isEqualTo(201);
        assertThat(kept.features().get(0).baselineOnly()).isEqualTo(1);
        GateVerdict quarantined = GateStatistics.decide(all, DEFAULTS.withQuarantineFlaky(true));
        assertThat(quarantined.flakyCases()).containsExactly("wobbly");
        assertThat(quarantined.casesUsed()).isEqualTo(200);
        assertThat(quarantined.features().get(0).baselineOnly()).isZero();
    }

    @Test
    void aCasePassesWhenItsShareReachesItsMinPassRate() {
        CaseOutcome c = new CaseOutcome("x", "f", "", 5, 4, 5, 3, OptionalDouble.empty(), OptionalDouble.empty(), 0.8);
        assertThat(c.cluster()).isEqualTo("f");
        assertThat(c.baselinePassed()).isTrue();
        assertThat(c.candidatePassed()).isFalse();
        assertThat(c.flakyOnBaseline()).isTrue();
        assertThat(c.baselineRate()).isEqualTo(0.8);
        CaseOutcome strict = new CaseOutcome("y", "f", null, 5, 4, 5, 5, null, null);
        assertThat(strict.baselinePassed()).isFalse();
        assertThat(strict.candidatePassed()).isTrue();
        assertThat(strict.baselineScore()).isEmpty();
    }

    @Test
    void scoresGetWilcoxonAndABootstrapInterval() {
        List<CaseOutcome> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double base = 4 + (i % 2) * 0.5;
            double cand = base - (i % 4 == 0 ? 1 : 0) + (i % 10 == 3 ? 0.5 : 0);
            all.add(new CaseOutcome("s" + i, "chat", null, 1, 1, 1, 1, OptionalDouble.of(base),
                    OptionalDouble.of(cand)));
        }
        FeatureVerdict f = GateStatistics.decide(all, DEFAULTS).features().get(0);
        assertThat(f.wilcoxonP()).isPresent();
        assertThat(f.wilcoxonP().getAsDouble()).isLessThan(0.05);
        Interval scores = f.scoreDifference().orElseThrow();
        assertThat(scores.estimate()).isCloseTo((-10 + 2) / 40.0, within(1e-12));
        assertThat(scores.lower()).isLessThan(scores.estimate());
        assertThat(scores.upper()).isGreaterThan(scores.estimate()).isLessThan(0);
        assertThat(GateStatistics.decide(all, DEFAULTS).features().get(0)).isEqualTo(f);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> GateStatistics.decide(List.of(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no case outcomes");
        List<CaseOutcome> twice = new ArrayList<>(cases("f", 1, 0, 0, 0));
        twice.addAll(cases("f", 1, 0, 0, 0));
        assertThatThrownBy(() -> GateStatistics.decide(twice, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("case f-11-0 appears twice");
        assertThatThrownBy(() -> new CaseOutcome("c7", "f", null, 3, 4, 3, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("case c7: baselinePasses must be in [0, baselineRuns=3], was 4");
        assertThatThrownBy(() -> new CaseOutcome("c8", "f", null, 0, 0, 3, 1, null, null))
                .hasMessage("case c8: baselineRuns must be at least 1, was 0");
        assertThatThrownBy(() -> new CaseOutcome("c9", "f", null, 1, 1, 1, 1, OptionalDouble.of(Double.NaN), null))
                .hasMessageContaining("case c9: baselineScore must be finite");
        assertThatThrownBy(() -> DEFAULTS.withFloor("chat", 1.5))
                .hasMessage("gate floor of feature chat must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> DEFAULTS.withAlpha(0.7)).hasMessageContaining("gate alpha");
    }

    @Test
    void defaultsAreTheContractsDefaults() {
        assertThat(DEFAULTS).isEqualTo(new GatePolicy(0.02, 0.05, 0.8, java.util.Map.of(), 2000, 42, false, 20,
                false, Double.NaN, java.util.Map.of()));
        assertThat(DEFAULTS.scoresDecide()).isFalse(); // scores are reported, they decide only when asked to
    }
}
