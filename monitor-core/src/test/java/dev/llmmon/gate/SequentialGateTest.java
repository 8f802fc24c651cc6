package dev.llmmon.gate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialGateTest {
    private static final GatePolicy POLICY = GatePolicy.defaults().withSequential(true);

    private static List<CaseOutcome> shuffled(List<CaseOutcome> cases) {
        List<CaseOutcome> copy = new ArrayList<>(cases);
        Collections.shuffle(copy, new Random(11));
        return copy;
    }

    /** Feeds batches until the gate stops; returns the verdict (finish() when it never stops). */
    static GateVerdict run(SequentialGate gate, List<CaseOutcome> cases, int batch) {
        for (int from = 0; from < cases.size(); from += batch) {
            Optional<GateVerdict> v = gate.add(cases.subList(from, Math.min(cases.size(), from + batch)));
            if (v.isPresent()) {
                return v.get();
            }
        }
        return gate.finish();
    }

    @Test
    void aClearRegressionStopsEarly() {
        List<CaseOutcome> cases = shuffled(GateStatisticsTest.cases("extract", 200, 60, 5, 35));
        GateVerdict v = run(SequentialGate.start(POLICY), cases, 20);
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        assertThat(v.stoppedEarly()).isTrue();
        assertThat(v.casesUsed()).isLessThan(150).isEqualTo(v.features().get(0).cases());
        assertThat(v.reason()).startsWith("sequential: stopped after " + v.casesUsed() + " cases, the candidate is worse");
        assertThat(v.overall().decision()).isEqualTo(Decision.FAIL);
    }

    @Test
    void anEqualCandidatePassesOnceTheEvidenceSuffices() {
        List<CaseOutcome> cases = shuffled(GateStatisticsTest.cases("chat", 940, 10, 10, 40));
        GateVerdict v = run(SequentialGate.start(POLICY), cases, 50);
        assertThat(v.decision()).isEqualTo(Decision.PASS);
        assertThat(v.stoppedEarly()).isTrue();
        assertThat(v.casesUsed()).isLessThan(1000);
    }

    @Test
    void aShortEqualRunEndsInconclusive() {
        SequentialGate gate = SequentialGate.start(POLICY);
        GateVerdict v = run(gate, shuffled(GateStatisticsTest.cases("chat", 50, 2, 2, 6)), 20);
        assertThat(v.decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(v.stoppedEarly()).isFalse();
        assertThat(v.reason()).contains("no boundary crossed after all 60 cases");
        assertThat(gate.nonInferiorityEvidence()).isLessThan(20);
        assertThat(gate.worseEvidence()).isLessThan(20);
    }

    @Test
    void aFloorFailsTheSequentialVerdict() {
        GateVerdict v = run(SequentialGate.start(POLICY.withFloor("chat", 0.95)),
                shuffled(GateStatisticsTest.cases("chat", 50, 2, 2, 6)), 20);
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        assertThat(v.reason()).contains("below its floor of 95.0%");
    }

    @Test
    void noBatchAfterTheStop() {
        List<CaseOutcome> cases = GateStatisticsTest.cases("x", 0, 40, 0, 0);
        SequentialGate gate = SequentialGate.start(POLICY);
        GateVerdict v = run(gate, cases.subList(0, 30), 10);
        assertThat(v.decision()).isEqualTo(Decision.FAIL);
        assertThat(gate.finish()).isSameAs(v);
        assertThatThrownBy(() -> gate.add(cases.subList(30, 40))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already stopped after");
    }
}
