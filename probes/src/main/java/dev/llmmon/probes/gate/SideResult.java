package dev.llmmon.probes.gate;

import java.util.OptionalDouble;

/**
 * One case on one model: how many calls passed, the mean rubric score, the tokens spent.
 *
 * @param passes       calls that passed every check
 * @param runs         calls made
 * @param meanScore    mean judge score of the case's rubric checks, empty when none scored
 * @param inputTokens  input tokens of those calls
 * @param outputTokens output tokens of those calls
 */
public record SideResult(int passes, int runs, OptionalDouble meanScore, long inputTokens, long outputTokens) {
    public SideResult {
        if (runs < 0 || passes < 0 || passes > runs) {
            throw new IllegalArgumentException("need 0 <= passes <= runs, got " + passes + "/" + runs);
        }
        meanScore = meanScore == null ? OptionalDouble.empty() : meanScore;
    }

    public double rate() {
        return runs == 0 ? Double.NaN : (double) passes / runs;
    }
}
