package dev.llmmon.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.judge.JudgeSummary;
import dev.llmmon.monitor.JudgeJob;
import dev.llmmon.report.internal.JsonReport;
import dev.llmmon.report.internal.QualityPointDocument;
import dev.llmmon.internal.Version;

/** JSON for the judge goal's summary ({@code judge.json}), with the quality series as in the monitor report. */
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
        root.set("quality", JsonReport.MAPPER.valueToTree(QualityPointDocument.of(result.quality())));
        return root;
    }
}
