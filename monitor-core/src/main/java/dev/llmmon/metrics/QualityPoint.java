package dev.llmmon.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * Judge quality of one window and feature (and model, when the series is split by model).
 *
 * @param modelId        the judged requests' model, {@code null} when the series is not split by model
 * @param judged         ok judgements (the ones statistics use)
 * @param meanScore      mean quality score, {@code null} when nothing was judged ok
 * @param dimensionMeans mean score per dimension
 * @param flaggedRate    flagged / judged, {@code null} when nothing was judged ok
 * @param unparseable    unparseable judgements (excluded from the means)
 * @param failed         failed judge calls (excluded from the means)
 */
public record QualityPoint(Instant windowStart, Instant windowEnd, String featureId, String modelId, long judged,
                           Double meanScore, Map<String, Double> dimensionMeans, Double flaggedRate,
                           long unparseable, long failed) {
}
