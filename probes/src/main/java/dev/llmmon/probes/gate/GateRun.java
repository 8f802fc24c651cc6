package dev.llmmon.probes.gate;

import dev.llmmon.gate.GateVerdict;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one {@link GateLauncher} run.
 *
 * @param verdict          core's decision with its statistics
 * @param cases            every case that ran on both sides, in run order (a sequential run that stopped early has
 *                         fewer than the suite)
 * @param suiteCases       cases in the suite
 * @param baseline         calls and cost of the baseline
 * @param candidate        calls and cost of the candidate
 * @param fixedDesignCalls calls the fixed design (every case on both sides, no cache) would have made
 * @param callsSaved       {@code fixedDesignCalls} minus the calls made: cache hits and an early stop
 * @param markdown         {@code gate.md}
 * @param json             {@code gate.json}
 * @param failure          why the run fails (candidate worse, or inconclusive with failOnInconclusive); empty: passes
 */
public record GateRun(GateVerdict verdict, List<GateCase> cases, int suiteCases, SideCost baseline, SideCost candidate,
                      long fixedDesignCalls, long callsSaved, Path markdown, Path json, Optional<String> failure) {
    public GateRun {
        cases = List.copyOf(cases);
    }

    public boolean passed() {
        return failure.isEmpty();
    }
}
