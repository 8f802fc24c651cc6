package dev.llmmon.triage;

import java.util.List;

/**
 * Which slices explain the regression.
 *
 * @param explanation   the slices picked greedily (best lower risk-ratio bound first; each next one tested on what
 *                      the earlier ones leave), empty when nothing stands out
 * @param significant   every slice significant after Holm's correction in the first round, best first
 * @param slicesTested  how many slices were tested (the correction's m)
 * @param dimensions    the dimensions sliced
 * @param skippedKeys   metadata keys not sliced (too many values), with their value counts
 * @param windowUnits   units in the window
 * @param windowBad     bad units in the window
 * @param referenceUnits units in the reference
 * @param referenceBad  bad units in the reference
 * @param summary       one sentence: the explanation, or that nothing stands out
 */
public record ScopeResult(List<ScopedSlice> explanation, List<ScopedSlice> significant, int slicesTested,
                          List<String> dimensions, List<String> skippedKeys, long windowUnits, long windowBad,
                          long referenceUnits, long referenceBad, String summary) {
    public ScopeResult {
        explanation = List.copyOf(explanation);
        significant = List.copyOf(significant);
        dimensions = List.copyOf(dimensions);
        skippedKeys = List.copyOf(skippedKeys);
    }

    public boolean nothingStandsOut() {
        return explanation.isEmpty();
    }
}
