package dev.llmmon.probes.gate;

/**
 * One case of a gate run, both sides.
 *
 * @param name           {@code file / id}
 * @param uniqueId       the engine's unique id of the case
 * @param feature        its feature (the cluster the statistics group it by)
 * @param minPassRate    share of calls that must pass for the case to pass
 * @param baseline       the baseline's result
 * @param candidate      the candidate's result
 * @param baselineReused the baseline's result came from the cache, not from calls in this run
 */
public record GateCase(String name, String uniqueId, String feature, double minPassRate, SideResult baseline,
                       SideResult candidate, boolean baselineReused) {

    public boolean baselinePassed() {
        return passed(baseline);
    }

    public boolean candidatePassed() {
        return passed(candidate);
    }

    /** Passed on the baseline and failed on the candidate. */
    public boolean regressed() {
        return baselinePassed() && !candidatePassed();
    }

    /** Failed on the baseline and passed on the candidate. */
    public boolean improved() {
        return !baselinePassed() && candidatePassed();
    }

    private boolean passed(SideResult r) {
        // integers, like the engine: 4 of 5 meets 0.8
        return r.runs() > 0 && r.passes() >= Math.ceil(minPassRate * r.runs() - 1e-9);
    }
}
