package dev.llmmon.judge;

import dev.llmmon.metrics.QualityPoint;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file {@code judge.json}: a judge run's summary, judge/human agreement and quality series. Its field names are
 * spelled here, once, so renaming code never changes the file.
 *
 * @param llmmonVersion the llmmon that wrote it
 * @param summary       what the run did
 * @param agreement     judge/human agreement per dimension, empty without human labels
 * @param quality       one point per window × feature × model
 */
@JsonPropertyOrder({"llmmon_version", "summary", "agreement", "quality"})
public record JudgeDocument(@JsonProperty("llmmon_version") String llmmonVersion, Summary summary,
                            Map<String, Agreement> agreement, List<Point> quality) {
    public static final String FILE_NAME = "judge.json";

    public JudgeDocument {
        agreement = Collections.unmodifiableMap(new LinkedHashMap<>(agreement));
        quality = List.copyOf(quality);
    }

    /** The document of one run's results. */
    public static JudgeDocument of(String llmmonVersion, JudgeSummary s, long storeBadLines,
                                   Map<String, DimensionAgreement> agreement, QualitySeries quality) {
        Summary summary = new Summary(s.records(), s.sampled(), s.alwaysJudged(), s.excludedErrors(), s.missingOutput(),
                s.alreadyDone(), s.judged(), s.flagged(), s.unparseable(), s.failed(), s.skippedByBudget(),
                s.notRunAfterStop(), s.judgeUsage().inputTokens(), s.judgeUsage().outputTokens(), s.spendUsd(),
                s.stopReason(), storeBadLines);
        Map<String, Agreement> agreements = new LinkedHashMap<>();
        agreement.forEach((dimension, a) -> agreements.put(dimension,
                new Agreement(a.dimension(), a.pairs(), a.spearman(), a.weightedKappa())));
        return new JudgeDocument(llmmonVersion, summary, agreements, points(quality));
    }

    /** The quality series as document points. */
    public static List<Point> points(QualitySeries quality) {
        List<Point> out = new ArrayList<>();
        for (QualityPoint p : quality.points()) {
            Map<String, Double> means = new LinkedHashMap<>();
            p.dimensionMeans().forEach((k, v) -> means.put(k, number(v)));
            out.add(new Point(p.windowStart().toString(), p.windowEnd().toString(), p.featureId(), p.modelId(),
                    p.judged(), number(p.meanScore()), means, number(p.flaggedRate()), p.unparseable(), p.failed()));
        }
        return out;
    }

    /** Writes {@link #FILE_NAME} into {@code directory} (created when missing) and returns the file. */
    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Json.PRETTY.writeValue(file.toFile(), this);
        return file;
    }

    /** {@code null} for NaN: JSON has no NaN. */
    private static Double number(Double value) {
        return value == null || value.isNaN() ? null : value;
    }

    /** What the run did; see {@link JudgeSummary}. */
    @JsonPropertyOrder({"records", "selected", "selected_by_signal", "excluded_errors", "missing_output",
            "already_judged", "judged", "flagged", "unparseable", "failed", "skipped_by_budget", "not_run_after_stop",
            "judge_input_tokens", "judge_output_tokens", "spend_usd", "stop_reason", "store_unreadable_lines"})
    public record Summary(long records, long selected, @JsonProperty("selected_by_signal") long selectedBySignal,
                          @JsonProperty("excluded_errors") long excludedErrors,
                          @JsonProperty("missing_output") long missingOutput,
                          @JsonProperty("already_judged") long alreadyJudged, long judged, long flagged,
                          long unparseable, long failed, @JsonProperty("skipped_by_budget") long skippedByBudget,
                          @JsonProperty("not_run_after_stop") long notRunAfterStop,
                          @JsonProperty("judge_input_tokens") long judgeInputTokens,
                          @JsonProperty("judge_output_tokens") long judgeOutputTokens,
                          @JsonProperty("spend_usd") Double spendUsd, @JsonProperty("stop_reason") String stopReason,
                          @JsonProperty("store_unreadable_lines") long storeUnreadableLines) {
    }

    /** Judge/human agreement on one dimension; see {@link DimensionAgreement}. */
    @JsonPropertyOrder({"dimension", "pairs", "spearman", "weightedKappa"})
    public record Agreement(String dimension, long pairs, Double spearman,
                            @JsonProperty("weightedKappa") Double weightedKappa) {
    }

    /** Quality of one window, feature and model; see {@link QualityPoint}. */
    @JsonPropertyOrder({"window_start", "window_end", "feature_id", "model_id", "judged", "mean_score",
            "dimension_means", "flagged_rate", "unparseable", "failed"})
    public record Point(@JsonProperty("window_start") String windowStart, @JsonProperty("window_end") String windowEnd,
                        @JsonProperty("feature_id") String featureId, @JsonProperty("model_id") String modelId,
                        long judged, @JsonProperty("mean_score") Double meanScore,
                        @JsonProperty("dimension_means") Map<String, Double> dimensionMeans,
                        @JsonProperty("flagged_rate") Double flaggedRate, long unparseable, long failed) {
    }
}
