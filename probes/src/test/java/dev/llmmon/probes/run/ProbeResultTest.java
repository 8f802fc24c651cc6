package dev.llmmon.probes.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmmon.client.ResponseFormat;
import dev.llmmon.probes.spec.CheckSpec;
import dev.llmmon.probes.spec.Probe;
import dev.llmmon.probes.spi.CheckResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeResultTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Probe probe() {
        return new Probe("p", null, null, null, Set.of(), null, "q", null, null, null, null, ResponseFormat.TEXT, 3, 1.0,
                List.of(new CheckSpec("rubric", "rubric#1", NODES.objectNode().put("type", "rubric"), 5),
                        new CheckSpec("length", "length#2", NODES.objectNode().put("type", "length"), 6)), 1);
    }

    @Test
    void theMeanScoreAveragesRubricValuesOnlyAndSkipsSkippedOnes() {
        ProbeResult r = new ProbeResult(probe(), "m", List.of(
                new Attempt(0, null, null, Map.of("rubric#1", CheckResult.of(true, "4/5", 4.0),
                        "length#2", CheckResult.of(true, "120 chars", 120.0))),
                new Attempt(1, null, null, Map.of("rubric#1", CheckResult.of(false, "1/5", 1.0))),
                new Attempt(2, null, null, Map.of("rubric#1", CheckResult.skip("no judge")))));
        assertThat(r.meanRubricScore()).hasValue(2.5);
    }

    @Test
    void noScoreWithoutARubricResult() {
        ProbeResult r = new ProbeResult(probe(), "m", List.of(new Attempt(0, null, "call failed", Map.of())));
        assertThat(r.meanRubricScore()).isEmpty();
    }

    @Test
    void withRepeatCopiesEverythingElse() {
        Probe p = probe().withRepeat(7);
        assertThat(p.repeat()).isEqualTo(7);
        assertThat(p.withRepeat(7)).isSameAs(p);
        assertThat(p.checks()).isEqualTo(probe().checks());
    }
}
