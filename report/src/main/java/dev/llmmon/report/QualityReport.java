package dev.llmmon.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.judge.JudgeSummary;
import dev.llmmon.judge.QualityPoint;
import dev.llmmon.judge.QualitySeries;
import dev.llmmon.monitor.JudgeJob;

/** JSON for the judge goal's summary and for quality series (in {@code judge.json} and in the monitor report). */
public final class QualityReport {
    private QualityReport() {
    }

    public static ObjectNode toJson(JudgeJob.Result result) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("llmmon_version", Version.get());
        JudgeSummary s = result.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("records", s.records());
        summary.put("selected", s.sampled());
        summary.put("selected_by_signal", s.alwaysJudged());
        summary.put("excluded_errors", s.excludedErrors());
        summary.put("missing_output", s.missingOutput());
        summary.put("already_judged", s.alreadyDone());
        summary.put("judged", s.judged());
        summary.put("flagged", s.flagged());
        summary.put("unparseable", s.unparseable());
        summary.put("failed", s.failed());
        summary.put("skipped_by_budget", s.skippedByBudget());
        summary.put("not_run_after_stop", s.notRunAfterStop());
        summary.put("judge_input_tokens", s.judgeUsage().inputTokens());
        summary.put("judge_output_tokens", s.judgeUsage().outputTokens());
        if (s.spendUsd() == null) {
            summary.putNull("spend_usd");
        } else {
            summary.put("spend_usd", s.spendUsd());
        }
        summary.put("stop_reason", s.stopReason());
        summary.put("store_unreadable_lines", result.storeBadLines());
        ObjectNode agreement = root.putObject("agreement");
        result.agreement().forEach((dimension, a) -> agreement.set(dimension, JsonReport.MAPPER.valueToTree(a)));
        root.set("quality", points(result.quality()));
        return root;
    }

    /** One object per window × feature × model: judged count, mean score, per-dimension means, flagged rate. */
    public static ArrayNode points(QualitySeries quality) {
        ArrayNode out = JsonReport.MAPPER.createArrayNode();
        for (QualityPoint p : quality.points()) {
            ObjectNode n = out.addObject();
            n.put("window_start", p.windowStart().toString());
            n.put("window_end", p.windowEnd().toString());
            n.put("feature_id", p.featureId());
            n.put("model_id", p.modelId());
            n.put("judged", p.judged());
            nullable(n, "mean_score", p.meanScore());
            ObjectNode dims = n.putObject("dimension_means");
            p.dimensionMeans().forEach((k, v) -> nullable(dims, k, v));
            nullable(n, "flagged_rate", p.flaggedRate());
            n.put("unparseable", p.unparseable());
            n.put("failed", p.failed());
        }
        return out;
    }

    private static void nullable(ObjectNode n, String name, Double value) {
        if (value == null || value.isNaN()) {
            n.putNull(name);
        } else {
            n.put(name, value);
        }
    }
}
