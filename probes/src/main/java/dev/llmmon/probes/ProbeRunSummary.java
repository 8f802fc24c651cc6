package dev.llmmon.probes;

import dev.llmmon.probes.history.SilentChange;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of one {@link ProbeLauncher} run: a row per probe, the totals, the silent model changes found in the
 * behaviour history and the problems that fail the run.
 *
 * @param probes        one outcome per probe, in the order they ran
 * @param table         the summary table as printed, header first
 * @param totals        e.g. {@code 5 probe(s): 4 passed, 1 failed, 0 aborted, 0 skipped}
 * @param aborted       probes that checked nothing (every check skipped), with the engine's reason
 * @param silentChanges suspected silent model changes of this run's probes
 * @param problems      what fails the run (failed probes, an unavailable endpoint, and aborted probes and silent
 *                      changes when so configured)
 * @param endpointUnavailable which probes got no answer to any call and why, {@code null} when all got answers
 */
public record ProbeRunSummary(List<ProbeOutcome> probes, List<String> table, String totals, List<String> aborted,
                              List<SilentChange> silentChanges, List<String> problems, String endpointUnavailable) {

    /** A summary of a run in which every probe got answers. */
    public ProbeRunSummary(List<ProbeOutcome> probes, List<String> table, String totals, List<String> aborted,
                           List<SilentChange> silentChanges, List<String> problems) {
        this(probes, table, totals, aborted, silentChanges, problems, null);
    }

    public ProbeRunSummary {
        probes = List.copyOf(probes);
        table = List.copyOf(table);
        aborted = List.copyOf(aborted);
        silentChanges = List.copyOf(silentChanges);
        problems = List.copyOf(problems);
    }

    /**
     * One probe's row: its pass rate with the Wilson interval, the minimum it needed, and the verdict; then the same
     * as numbers, for callers that compare runs (the gate).
     *
     * @param uniqueId     the JUnit unique id (deterministic: file and declared probe id)
     * @param passes       calls that passed every check
     * @param runs         calls made (0 when the probe did not run)
     * @param meanScore    mean judge score of its {@code rubric} checks, empty when none scored
     * @param inputTokens  input tokens of all its calls, as the provider counted them
     * @param outputTokens output tokens of all its calls
     */
    public record ProbeOutcome(String name, String passRate, String minPassRate, String verdict, String uniqueId,
                               int passes, int runs, OptionalDouble meanScore, long inputTokens, long outputTokens) {
        public ProbeOutcome {
            meanScore = meanScore == null ? OptionalDouble.empty() : meanScore;
        }

        /** A row without the numbers (a probe that did not run). */
        public ProbeOutcome(String name, String passRate, String minPassRate, String verdict) {
            this(name, passRate, minPassRate, verdict, "", 0, 0, OptionalDouble.empty(), 0, 0);
        }
    }

    /** Whether nothing fails the run. */
    public boolean passed() {
        return problems.isEmpty();
    }

    /** Why the run fails, e.g. {@code 2 problem(s):} and one indented line each; empty when it passed. */
    public Optional<String> verdict() {
        return passed() ? Optional.empty()
                : Optional.of(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    }
}
