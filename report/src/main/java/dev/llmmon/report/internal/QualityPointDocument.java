package dev.llmmon.report.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmmon.judge.QualityPoint;
import dev.llmmon.judge.QualitySeries;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judge quality of one window × feature × model, as written in {@code report.json} and {@code judge.json} (format
 * version 1 of both): judged count, mean score, per-dimension means and flagged rate; no data is {@code null}.
 */
@JsonPropertyOrder({"window_start", "window_end", "feature_id", "model_id", "judged", "mean_score", "dimension_means",
        "flagged_rate", "unparseable", "failed"})
public record QualityPointDocument(
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("feature_id") String featureId,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("judged") long judged,
        @JsonProperty("mean_score") Double meanScore,
        @JsonProperty("dimension_means") Map<String, Double> dimensionMeans,
        @JsonProperty("flagged_rate") Double flaggedRate,
        @JsonProperty("unparseable") long unparseable,
        @JsonProperty("failed") long failed) {

    /** One document per point of the series, in the series' order. */
    public static List<QualityPointDocument> of(QualitySeries quality) {
        return quality.points().stream().map(QualityPointDocument::of).toList();
    }

    static QualityPointDocument of(QualityPoint p) {
        Map<String, Double> means = new LinkedHashMap<>();
        p.dimensionMeans().forEach((dimension, mean) -> means.put(dimension, known(mean)));
        return new QualityPointDocument(p.windowStart().toString(), p.windowEnd().toString(), p.featureId(),
                p.modelId(), p.judged(), known(p.meanScore()), Collections.unmodifiableMap(means),
                known(p.flaggedRate()), p.unparseable(), p.failed());
    }

    private static Double known(Double value) {
        return value == null || value.isNaN() ? null : value;
    }
}
