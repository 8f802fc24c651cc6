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
 */
public record SideCost(String side, String model, long plannedCalls, Optional<Double> plannedUsd, long calls,
                       long inputTokens, long outputTokens, Optional<Double> usd, int reusedCases) {
}
