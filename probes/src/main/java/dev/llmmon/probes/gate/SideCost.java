package dev.llmmon.probes.gate;

import java.util.Optional;

/**
 * Calls and money of one side, planned before the run and spent in it.
 *
 * @param side           {@code baseline} or {@code candidate}
 * @param model          the side's model
 * @param plannedCalls   calls the run would make without stopping early (cached baseline cases excluded)
 * @param plannedUsd     estimate of their cost (input from prompt length, output at the probe's limit or 256
 *                       tokens), empty when the pricing table has no price for the model
 * @param calls          calls made
 * @param inputTokens    input tokens they used, as the provider counted them
 * @param outputTokens   output tokens
 * @param usd            their cost at the table's price, empty when unknown (never 0 for unknown)
 * @param reusedCases    cases answered from the baseline cache
 * @param judge          the judge calls this side's {@code rubric} checks cost, planned and made
 */
public record SideCost(String side, String model, long plannedCalls, Optional<Double> plannedUsd, long calls,
                       long inputTokens, long outputTokens, Optional<Double> usd, int reusedCases, JudgeCost judge) {

    /**
     * Judge calls of one side: one per {@code rubric} check per call answered. Calls are counted exactly; tokens are
     * estimated before and after (the engine does not report the judge's usage): the judge prompt's own length, the
     * case's prompt and the side's answer (known after the run) in, the rubric check's 400-token reply limit out.
     *
     * @param model        the judge model, empty when none is configured (then nothing is called and nothing costs)
     * @param plannedCalls judge calls the run would make without stopping early
     * @param plannedUsd   their estimated cost, empty when the judge model has no price
     * @param calls        judge calls made
     * @param usd          their estimated cost, empty when the judge model has no price
     */
    public record JudgeCost(Optional<String> model, long plannedCalls, Optional<Double> plannedUsd, long calls,
                            Optional<Double> usd) {
        public static final JudgeCost NONE = new JudgeCost(Optional.empty(), 0, Optional.of(0.0), 0, Optional.of(0.0));
    }
}
