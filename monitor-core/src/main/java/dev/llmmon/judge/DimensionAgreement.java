package dev.llmmon.judge;

/**
 * How well the judge agrees with humans on one dimension.
 *
 * @param pairs          requests scored by both (judge status ok)
 * @param spearman       Spearman rank correlation, {@code null} when undefined (fewer than 2 pairs or a constant side)
 * @param weightedKappa  quadratic-weighted Cohen's kappa over the 1-5 scale, {@code null} when undefined
 */
public record DimensionAgreement(String dimension, long pairs, Double spearman, Double weightedKappa) {
}
