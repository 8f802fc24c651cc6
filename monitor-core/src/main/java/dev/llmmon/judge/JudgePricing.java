package dev.llmmon.judge;

import dev.llmmon.client.Usage;

/** What the judge model costs, in USD per million tokens. */
public record JudgePricing(double inputUsdPerMillion, double outputUsdPerMillion) {
    public JudgePricing {
        if (!(inputUsdPerMillion >= 0) || !(outputUsdPerMillion >= 0)
                || Double.isInfinite(inputUsdPerMillion) || Double.isInfinite(outputUsdPerMillion)) {
            throw new IllegalArgumentException("prices must be finite and >= 0: " + inputUsdPerMillion + "/" + outputUsdPerMillion);
        }
    }

    public double cost(Usage usage) {
        return (usage.inputTokens() * inputUsdPerMillion + usage.outputTokens() * outputUsdPerMillion) / 1_000_000d;
    }
}
