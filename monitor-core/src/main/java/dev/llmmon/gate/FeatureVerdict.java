package dev.llmmon.gate;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The verdict on one feature's cases (or on all cases, as the gate's overall row).
 *
 * @param baselineRate    share of cases passing on the baseline (pass share at least the case's minPassRate)
 * @param candidateRate   the same on the candidate
 * @param difference      candidateRate - baselineRate (negative: the candidate is worse)
 * @param lower           one-sided (1 - alpha) lower bound of the difference (Tango's score bound; with shared
 *                        clusters widened by their design effect, or the CR1 t-bound if wider); non-inferior when
 *                        at least -margin
 * @param upper           one-sided (1 - alpha) upper bound
 * @param mcnemarP        one-sided p that the candidate fails more cases (exact McNemar on the discordant pairs;
 *                        design-effect adjusted when cases share clusters)
 * @param wilcoxonP       one-sided p that the candidate scores lower (Wilcoxon signed-rank, Pratt), when scored
 * @param adjustedP       mcnemarP after Holm's correction over the features
 * @param floorBreached   the candidate's pass rate is below the feature's floor
 * @param baselineOnly    cases passing on the baseline only
 * @param candidateOnly   cases passing on the candidate only
 * @param scoreDifference mean candidate - baseline score with its cluster-bootstrap bounds, when scored
 */
public record FeatureVerdict(String feature, int cases, double baselineRate, double candidateRate, double difference,
                             double lower, double upper, double mcnemarP, OptionalDouble wilcoxonP, double adjustedP,
                             boolean floorBreached, Decision decision, int baselineOnly, int candidateOnly,
                             Optional<Interval> scoreDifference) {
}
