package dev.llmmon.sampling;

/**
 * The most a judge run may spend. What the cap leaves unjudged is counted and reported, never silently dropped.
 *
 * @param maxJudgements most judge calls per run; {@code 0} means no limit
 * @param maxSpendUsd   most judge spend per run in USD; {@code 0} means no limit (needs judge pricing when set)
 */
public record BudgetCap(long maxJudgements, double maxSpendUsd) {
    public static final BudgetCap NONE = new BudgetCap(0, 0);

    public BudgetCap {
        if (maxJudgements < 0) {
            throw new IllegalArgumentException("maxJudgements must be >= 0 (0 = no limit), was " + maxJudgements);
        }
        if (!(maxSpendUsd >= 0) || Double.isInfinite(maxSpendUsd)) {
            throw new IllegalArgumentException("maxSpendUsd must be a finite number >= 0 (0 = no limit), was " + maxSpendUsd);
        }
    }

    public boolean limitsCount() {
        return maxJudgements > 0;
    }

    public boolean limitsSpend() {
        return maxSpendUsd > 0;
    }
}
