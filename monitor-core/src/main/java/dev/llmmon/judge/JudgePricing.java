package dev.llmmon.judge;

import dev.llmmon.client.Usage;
import dev.llmmon.metrics.PricingTable;

/** What the judge model costs, in USD per million tokens. */
public record JudgePricing(double inputUsdPerMillion, double outputUsdPerMillion) {
    public JudgePricing {
        if (!(inputUsdPerMillion >= 0) || !(outputUsdPerMillion >= 0)
                || Double.isInfinite(inputUsdPerMillion) || Double.isInfinite(outputUsdPerMillion)) {
            throw new IllegalArgumentException("prices must be finite and >= 0: " + inputUsdPerMillion + "/" + outputUsdPerMillion);
        }
    }

    /**
     * The given prices when both are, else {@code model}'s in the bundled pricing table; {@code null} when unknown.
     */
    public static JudgePricing of(Double inputUsdPerMillion, Double outputUsdPerMillion, String model) {
        if (inputUsdPerMillion != null && outputUsdPerMillion != null) {
            return new JudgePricing(inputUsdPerMillion, outputUsdPerMillion);
        }
        return PricingTable.defaults().priceOf(model)
                .map(p -> new JudgePricing(p.inputPerMillion(), p.outputPerMillion()))
                .orElse(null);
    }

    public double cost(Usage usage) {
        return (usage.inputTokens() * inputUsdPerMillion + usage.outputTokens() * outputUsdPerMillion) / 1_000_000d;
    }
}
