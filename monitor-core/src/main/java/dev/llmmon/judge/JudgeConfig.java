package dev.llmmon.judge;

import dev.llmmon.sampling.BudgetCap;
import dev.llmmon.sampling.SamplingPolicy;

import java.util.Objects;

/**
 * Everything a judge run needs besides the model client.
 *
 * @param rubric                      what is scored, under which version
 * @param flags                       when a judgement is flagged
 * @param sampling                    which requests are judged
 * @param budget                      most calls / USD per run
 * @param pricing                     judge price per million tokens, {@code null} when unknown (spend then
 *                                    unknown; a USD budget then cannot be enforced and is refused by
 *                                    {@link #checked()} and the run, whichever order budget and price were set in)
 * @param concurrency                 judge calls in flight at once
 * @param maxOutputTokens             reply limit per judge call
 * @param stopAfterConsecutiveFailures the run stops after this many failed calls in a row (0 = never)
 */
public record JudgeConfig(Rubric rubric, FlagPolicy flags, SamplingPolicy sampling, BudgetCap budget,
                          JudgePricing pricing, int concurrency, int maxOutputTokens, int stopAfterConsecutiveFailures) {

    public JudgeConfig {
        Objects.requireNonNull(rubric, "rubric");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(sampling, "sampling");
        budget = budget == null ? BudgetCap.NONE : budget;
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 1, was " + maxOutputTokens);
        }
        if (stopAfterConsecutiveFailures < 0) {
            throw new IllegalArgumentException("stopAfterConsecutiveFailures must be >= 0, was " + stopAfterConsecutiveFailures);
        }
    }

    /**
     * This configuration when it can be enforced: a USD budget needs the judge model's price. Checked here and when a
     * run starts, not in the constructor, so {@code withBudget} and {@code withPricing} may come in either order.
     *
     * @throws IllegalArgumentException a USD budget without a price
     */
    public JudgeConfig checked() {
        if (budget.limitsSpend() && pricing == null) {
            throw new IllegalArgumentException("a USD budget (maxSpendUsd " + budget.maxSpendUsd() + ") needs the judge"
                    + " model's price: the pricing table has none for this model, so give input and output USD per 1M"
                    + " tokens (llmmon.judge.inputPricePerMillion, llmmon.judge.outputPricePerMillion)");
        }
        return this;
    }

    /** Default rubric and flags, the given sampling, no budget, unknown price, 4 concurrent calls. */
    public static JudgeConfig of(SamplingPolicy sampling) {
        return new JudgeConfig(Rubric.defaults(), FlagPolicy.defaults(), sampling, BudgetCap.NONE, null, 4, 400, 5);
    }

    public JudgeConfig withRubric(Rubric r) {
        return new JudgeConfig(r, flags, sampling, budget, pricing, concurrency, maxOutputTokens, stopAfterConsecutiveFailures);
    }

    public JudgeConfig withFlags(FlagPolicy f) {
        return new JudgeConfig(rubric, f, sampling, budget, pricing, concurrency, maxOutputTokens, stopAfterConsecutiveFailures);
    }

    public JudgeConfig withBudget(BudgetCap b) {
        return new JudgeConfig(rubric, flags, sampling, b, pricing, concurrency, maxOutputTokens, stopAfterConsecutiveFailures);
    }

    public JudgeConfig withPricing(JudgePricing p) {
        return new JudgeConfig(rubric, flags, sampling, budget, p, concurrency, maxOutputTokens, stopAfterConsecutiveFailures);
    }

    public JudgeConfig withConcurrency(int n) {
        return new JudgeConfig(rubric, flags, sampling, budget, pricing, n, maxOutputTokens, stopAfterConsecutiveFailures);
    }

    public JudgeConfig withStopAfterConsecutiveFailures(int n) {
        return new JudgeConfig(rubric, flags, sampling, budget, pricing, concurrency, maxOutputTokens, n);
    }
}
