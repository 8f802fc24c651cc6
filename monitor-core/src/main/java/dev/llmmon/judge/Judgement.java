package dev.llmmon.judge;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One judgement (shared/formats/logs.md §5), plus what the judge call cost and when the judged request happened.
 *
 * @param qualityScore      mean of the dimension scores; {@code null} unless {@link JudgementStatus#OK}
 * @param dimensions        dimension to score; empty unless OK
 * @param flagReason        the flag rules that fired, {@code null} when not flagged
 * @param requestTimestamp  when the judged request happened (for quality series), {@code null} if unknown
 * @param judgeCostUsd      cost of the judge call, {@code null} when the judge model's price is unknown
 * @param error             why the judgement is unparseable or failed, {@code null} when OK
 */
public record Judgement(String requestId, String featureId, String modelId, JudgementStatus status,
                        Double qualityScore, Map<String, Integer> dimensions, boolean flagged, String flagReason,
                        String judgeModel, String rubricVersion, Instant judgedAt, String rationale,
                        Instant requestTimestamp, long judgeInputTokens, long judgeOutputTokens, Double judgeCostUsd,
                        String error) {

    public Judgement {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(judgeModel, "judgeModel");
        Objects.requireNonNull(rubricVersion, "rubricVersion");
        Objects.requireNonNull(judgedAt, "judgedAt");
        dimensions = dimensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        if (status == JudgementStatus.OK && (qualityScore == null || dimensions.isEmpty())) {
            throw new IllegalArgumentException("an ok judgement needs scores");
        }
        if (status != JudgementStatus.OK && (qualityScore != null || !dimensions.isEmpty() || flagged)) {
            throw new IllegalArgumentException("a " + status.wireName() + " judgement carries no scores and is never flagged");
        }
    }

    /** The resume key: the same request judged under the same rubric by the same model is not paid for twice. */
    public Key key() {
        return new Key(requestId, rubricVersion, judgeModel);
    }

    public record Key(String requestId, String rubricVersion, String judgeModel) {
    }
}
