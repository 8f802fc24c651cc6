package dev.llmmon.report;

import dev.llmmon.ingest.RejectReason;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;

import java.util.List;
import java.util.Map;

/** A short Markdown report that fits a GitHub step summary: input, violations, per-feature overview, warnings. */
public final class MarkdownReport {
    private static final int MAX_VIOLATIONS = 30;

    private MarkdownReport() {
    }

    public static String render(MonitorResult result, List<Thresholds.Violation> violations) {
        StringBuilder md = new StringBuilder();
        md.append("# llmmon monitor report\n\n");
        var in = result.ingest();
        md.append(String.format(java.util.Locale.ROOT,
                "Read **%,d** requests from %d file(s) (%s MB) in %.1f s; window **%s**, latency %s.%n%n",
                in.records(), in.files().size(), Numbers.format(in.bytesRead() / 1e6),
                result.elapsed().toMillis() / 1000.0, result.aggregation().window(),
                result.aggregation().sketch()
                        ? "from a DDSketch (±" + Numbers.percent(result.aggregation().relativeAccuracy()) + ")"
                        : "exact (nearest rank)"));
        long rejected = result.rejections().total();
        if (rejected > 0) {
            md.append("**").append(rejected).append(" input line(s) rejected** (nothing else was dropped):\n\n");
            md.append("| reason | count | first example |\n|---|---:|---|\n");
            for (Map.Entry<RejectReason, Long> e : result.rejections().counts().entrySet()) {
                List<Rejection> ex = result.rejections().examples(e.getKey());
                md.append("| ").append(e.getKey().name().toLowerCase()).append(" | ").append(e.getValue())
                        .append(" | ").append(ex.isEmpty() ? "" : escape(ex.get(0).toString())).append(" |\n");
            }
            md.append('\n');
        }
        if (!result.signalFiles().isEmpty()) {
            md.append(String.format(java.util.Locale.ROOT, "User signals: %,d accepted, %,d orphaned (request not in the logs), %,d rejected.%n%n",
                    result.signals(), result.orphanSignals(), result.signalRejections().total()));
        }
        if (!result.unpricedModels().isEmpty()) {
            md.append("Cost is **unknown** for some requests of: `").append(String.join("`, `", result.unpricedModels()))
                    .append("` (no `cost_usd` and no price; add one with `llmmon.pricing`).\n\n");
        }

        md.append("## Threshold violations\n\n");
        if (violations.isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| feature | model | window | metric | value | limit | requests |\n|---|---|---|---|---:|---:|---:|\n");
            violations.stream().limit(MAX_VIOLATIONS).forEach(v -> md.append("| ").append(v.featureId())
                    .append(" | ").append(v.modelId()).append(" | ").append(v.windowStart()).append(" | ")
                    .append(v.metric().id()).append(" | ").append(Numbers.format(v.value())).append(" | ")
                    .append(v.limit().toPlainString()).append(" | ").append(v.requests()).append(" |\n"));
            if (violations.size() > MAX_VIOLATIONS) {
                md.append("\n… and ").append(violations.size() - MAX_VIOLATIONS).append(" more (see report.json).\n");
            }
            md.append('\n');
        }

        md.append("## Features and models over the whole run\n\n");
        md.append("| feature | model | windows | requests | error rate | refusal rate | p95 median / worst window (ms) | cost (USD) | mean output tokens |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunSummary s : RunSummary.of(result)) {
            md.append("| ").append(s.featureId()).append(" | ")
                    .append(GroupKey.ALL_MODELS.equals(s.modelId()) ? "**all**" : s.modelId()).append(" | ")
                    .append(s.windows()).append(" | ").append(s.requests()).append(" | ")
                    .append(Numbers.percent(s.errorRate())).append(" | ").append(Numbers.percent(s.refusalRate()))
                    .append(" | ").append(Numbers.format(s.medianWindowP95Ms())).append(" / ")
                    .append(Numbers.format(s.worstWindowP95Ms())).append(" | ")
                    .append(Numbers.format(s.costTotalUsd()))
                    .append(s.costUnknownRequests() > 0 ? " (+" + s.costUnknownRequests() + " unknown)" : "")
                    .append(" | ").append(Numbers.format(s.meanOutputTokens())).append(" |\n");
        }
        md.append('\n');

        List<WindowMetrics> risky = result.windows().stream()
                .filter(w -> w.key().isRollup() && !w.key().isSliced() && w.signals() != null
                        && w.signals().survivorshipRisk())
                .toList();
        if (!risky.isEmpty()) {
            md.append("## Survivorship-bias warnings\n\n");
            md.append("Explicit feedback looks good while many users abandon: the happy ones are the ones who answer.\n\n");
            md.append("| feature | window | abandonment | explicit positive | feedback coverage |\n|---|---|---:|---:|---:|\n");
            risky.stream().limit(MAX_VIOLATIONS).forEach(w -> md.append("| ").append(w.featureId()).append(" | ")
                    .append(w.windowStart()).append(" | ").append(Numbers.percent(w.signals().abandonmentRate()))
                    .append(" | ").append(Numbers.percent(w.signals().explicitPositiveRate())).append(" | ")
                    .append(Numbers.percent(w.signals().feedbackCoverage())).append(" |\n"));
            md.append('\n');
        }
        md.append("Per-window rows for every feature, model and slice are in `report.json`.\n");
        return md.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
