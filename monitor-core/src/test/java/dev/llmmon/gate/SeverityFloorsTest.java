package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** Floors per severity: a critical case failing on the candidate fails the gate whatever the pass rates say. */
class SeverityFloorsTest {

    /** 200 equal cases over two features, 20 of them critical; {@code criticalFailing} critical ones fail on both sides. */
    private static List<CaseOutcome> suite(int criticalFailing) {
        List<CaseOutcome> cases = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean critical = i % 10 == 0;
            boolean fails = critical && i / 10 < criticalFailing;
            cases.add(new CaseOutcome("c" + i, i % 2 == 0 ? "support-chat" : "summarize", null, 1, fails ? 0 : 1, 1,
                    fails ? 0 : 1, OptionalDouble.empty(), OptionalDouble.empty(), 1.0, critical ? "critical" : "major"));
        }
        return cases;
    }

    @Test
    void aCriticalCaseBelowItsFloorFailsAnOtherwiseEqualCandidate() {
        GatePolicy floors = GatePolicy.defaults().withMargin(0.05).withSeverityFloors(Map.of("critical", 1.0));
        // equal sides: without severity floors the candidate is non-inferior
        assertThat(GateStatistics.decide(suite(1), GatePolicy.defaults().withMargin(0.05)).decision())
                .isEqualTo(Decision.PASS);
        GateVerdict v = GateStatistics.decide(suite(1), floors);
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        assertThat(v.reason()).contains("critical cases pass 95.0% (19 of 20), below their floor of 100.0%");
        assertThat(GateStatistics.decide(suite(0), floors).decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void aSeverityFloorNoCaseCarriesIsSaid() {
        GateVerdict v = GateStatistics.decide(suite(0), GatePolicy.defaults().withMargin(0.05)
                .withSeverityFloors(Map.of("blocker", 1.0)));
        assertThat(v.reason()).contains("no cases of severity blocker for its floor");
    }

    @Test
    void theSequentialGateAppliesThemToo() {
        SequentialGate gate = SequentialGate.start(GatePolicy.defaults().withSequential(true)
                .withSeverityFloors(Map.of("critical", 1.0)));
        gate.add(suite(2));
        GateVerdict v = gate.finish();
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        assertThat(v.reason()).contains("critical cases pass 90.0%");
    }
}
