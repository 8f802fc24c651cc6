package dev.llmmon.gate;

import java.util.List;

/**
 * The gate's answer with its evidence.
 *
 * @param features     one verdict per feature, sorted by name
 * @param overall      all cases pooled (clustered by each case's cluster key); its decision is the gate's
 * @param flakyCases   ids of cases whose repeats disagree on either side, in input order
 * @param casesUsed    cases the decision rests on (flaky ones excluded when quarantined)
 * @param stoppedEarly a sequential run stopped before its last batch
 * @param reason       one sentence: why this decision
 */
public record GateVerdict(Decision decision, List<FeatureVerdict> features, FeatureVerdict overall,
                          PowerEstimate power, List<String> flakyCases, int casesUsed, boolean stoppedEarly,
                          String reason) {
    public GateVerdict {
        features = List.copyOf(features);
        flakyCases = List.copyOf(flakyCases);
    }
}
