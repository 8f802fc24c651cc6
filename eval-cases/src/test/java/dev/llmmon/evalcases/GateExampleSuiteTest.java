package dev.llmmon.evalcases;

import dev.llmmon.gate.Decision;
import dev.llmmon.gate.GatePolicy;
import dev.llmmon.probes.Constants;
import dev.llmmon.probes.ProbeLauncher;
import dev.llmmon.probes.ProbeRequest;
import dev.llmmon.probes.gate.GateLauncher;
import dev.llmmon.probes.gate.GateRequest;
import dev.llmmon.probes.gate.GateRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's gate story on the exported example suite itself (export → review → gate on the same cases), offline:
 * the baseline {@code demo-model} from {@code evals.cassette.jsonl}, the candidates from
 * {@code evals-candidates.cassette.jsonl} ({@link CandidateCassette}).
 */
class GateExampleSuiteTest {

    private static GateRun gate(Path dir, String candidate, GatePolicy policy) {
        ProbeRequest.Builder suite = ProbeRequest.builder().evals(List.of("classpath:evals"))
                .parameter(Constants.JUDGE_MODEL, ExampleCassette.JUDGE).parameter(Constants.EMBEDDING_MODEL, "minilm")
                .failOnAborted(false).failOnSilentChange(false);
        return GateLauncher.run(GateRequest.builder()
                .baseline(suite.model(ExampleCassette.MODEL).cassette("classpath:evals.cassette.jsonl")
                        .reportsDirectory(dir.resolve("baseline")).build())
                .candidate(suite.model(candidate).cassette("classpath:evals-candidates.cassette.jsonl")
                        .reportsDirectory(dir.resolve("candidate")).build())
                .policy(policy).outputDirectory(dir.resolve("out")).build(), ProbeLauncher.Log.NONE);
    }

    /**
     * 8 of the 20 cases regress, but the gate decides per feature (5 cases each, Holm over 4 features): no feature's
     * McNemar p can go below 0.05 / 4 with 5 cases (the smallest is 1/32), so the comparison alone stays INCONCLUSIVE
     * and says so; an absolute floor decides. The suite is too small for the comparison: docs/gate-statistics.md.
     */
    @Test
    void theRegressingCandidateIsListedAndFailsOnAFloor(@TempDir Path dir) {
        GateRun compared = gate(dir.resolve("a"), CandidateCassette.NEXT, GatePolicy.defaults());
        assertThat(compared.cases()).hasSize(20);
        assertThat(compared.cases().stream().filter(c -> c.regressed()).count()).isEqualTo(8);
        assertThat(compared.verdict().decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(compared.verdict().power().canDetectMargin()).isFalse();

        // eval cases without a severity are major (the probe default): 12 of 20 pass, below a 90% floor
        GateRun floored = gate(dir.resolve("b"), CandidateCassette.NEXT,
                GatePolicy.defaults().withSeverityFloors(Map.of("major", 0.9)));
        assertThat(floored.verdict().decision()).isEqualTo(Decision.FAIL);
        assertThat(floored.verdict().reason()).contains("major cases pass 60.0% (12 of 20)");
    }

    @Test
    void theFixedCandidateChangesNoCaseButTwentyCasesCannotShowTwoPoints(@TempDir Path dir) {
        GateRun run = gate(dir, CandidateCassette.PATCH, GatePolicy.defaults());
        assertThat(run.cases()).hasSize(20).noneMatch(c -> c.regressed() || c.improved());
        assertThat(run.verdict().decision()).isEqualTo(Decision.INCONCLUSIVE);
        assertThat(run.verdict().power().canDetectMargin()).isFalse(); // the power warning, before the calls
    }
}
