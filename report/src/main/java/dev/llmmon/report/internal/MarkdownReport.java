package dev.llmmon.report.internal;

import dev.llmmon.alert.Alert;
import dev.llmmon.series.SeriesRun;
import dev.llmmon.ingest.RejectReason;
import dev.llmmon.internal.text.Numbers;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.DetectionJob;
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
        return render(result, violations, null);
    }

    /** @param detection the detection run's outcome, {@code null} when detection was off */
    public static String render(MonitorResult result, List<Thresholds.Violation> violations,
                                DetectionJob.Outcome detection) {
        List<Alert> alerts = detection == null ? List.of() : detection.alerts();
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
        long skipped = result.rejections().skippedTotal();
        if (rejected > 0) {
            // "nothing else was dropped" only when it is true: skipped records are not rejections, but not used either
            md.append("**").append(rejected).append(" input record(s) rejected**")
                    .append(skipped == 0 ? " (nothing else was dropped)" : ", " + skipped + " skipped (below)")
                    .append(":\n\n");
            md.append("| reason | count | first example |\n|---|---:|---|\n");
            for (Map.Entry<RejectReason, Long> e : result.rejections().counts().entrySet()) {
                List<Rejection> ex = result.rejections().examples(e.getKey());
                md.append("| ").append(e.getKey().name().toLowerCase()).append(" | ").append(e.getValue())
                        .append(" | ").append(ex.isEmpty() ? "" : escape(ex.get(0).toString())).append(" |\n");
            }
            md.append('\n');
        }
        if (skipped > 0) {
            md.append("**").append(skipped).append(" record(s) skipped** as not model calls (not rejections):\n\n")
                    .append("| kind | count |\n|---|---:|\n");
            result.rejections().skipped().forEach((kind, n) -> md.append("| ").append(escape(kind)).append(" | ")
                    .append(n).append(" |\n"));
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

        if (detection != null) {
            detection(md, detection);
        }
        if (!alerts.isEmpty()) {
            alerts(md, alerts);
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

        if (result.quality() != null) {
            quality(md, result.quality());
        }

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

    /** How the charts were set and which series cannot alert yet: what a reader of an alert (or of none) needs. */
    private static void detection(StringBuilder md, DetectionJob.Outcome detection) {
        md.append("## Detection\n\n");
        md.append("Control charts: ").append(detection.report().calibration().describe()).append(".");
        List<SeriesRun> warming = detection.warmingUp();
        if (!warming.isEmpty()) {
            md.append(' ').append(warming.size()).append(" series are still collecting their baseline and cannot "
                    + "alert yet, e.g. ");
            md.append(String.join(", ", warming.stream().limit(3).map(r -> r.key().feature() + "/" + r.key().model()
                    + "/" + r.key().metric().id() + " (" + r.result().baseline().windowsUsed() + " windows, "
                    + r.result().baseline().windowsRemaining() + " to go)").toList()));
            md.append('.');
        }
        detection.notes().forEach(note -> md.append("\n\n").append(note));
        md.append(detection.alerts().isEmpty() ? "\n\nNo alerts.\n\n" : "\n\n");
    }

    /** Open alerts first, then the closed ones (history), most severe first. */
    private static void alerts(StringBuilder md, List<Alert> alerts) {
        long open = alerts.stream().filter(Alert::open).count();
        md.append("## Alerts\n\n").append(open).append(" open, ").append(alerts.size() - open)
                .append(" closed (details and evidence in `alerts.json`, charts in `alerts/`).\n\n");
        md.append("| severity | status | kind | feature | model | metric | from | to | value | baseline | message |\n");
        md.append("|---|---|---|---|---|---|---|---|---:|---:|---|\n");
        alerts.stream()
                .sorted(java.util.Comparator.comparing((Alert a) -> !a.open())
                        .thenComparing(a -> a.severity().ordinal())
                        .thenComparing(Alert::windowStart))
                .limit(MAX_VIOLATIONS)
                .forEach(a -> md.append("| ").append(a.severity()).append(" | ").append(a.status()).append(" | ")
                        .append(a.kind().name().toLowerCase()).append(" | ").append(a.feature()).append(" | ")
                        .append(a.model() == null ? "" : a.model()).append(" | ").append(a.metric()).append(" | ")
                        .append(a.windowStart()).append(" | ").append(a.closedAt() == null ? "open" : a.closedAt())
                        .append(" | ").append(Numbers.format(a.value())).append(" | ")
                        .append(Numbers.format(a.baseline())).append(" | ").append(escape(a.message() == null ? "" : a.message()))
                        .append(" |\n"));
        if (alerts.size() > MAX_VIOLATIONS) {
            md.append("\n… and ").append(alerts.size() - MAX_VIOLATIONS).append(" more in alerts.json.\n");
        }
        md.append('\n');
    }

    /** Judge quality per feature and model over the run, and the worst window by mean score. */
    private static void quality(StringBuilder md, dev.llmmon.judge.QualitySeries quality) {
        md.append("## Judge quality\n\n");
        java.util.Map<String, java.util.List<dev.llmmon.metrics.QualityPoint>> groups = new java.util.TreeMap<>();
        quality.points().forEach(p -> groups.computeIfAbsent(p.featureId() + " | " + p.modelId(),
                k -> new java.util.ArrayList<>()).add(p));
        if (groups.isEmpty()) {
            md.append("No judgements in the store.\n\n");
            return;
        }
        md.append("| feature | model | judged | mean score (1-5) | flagged | worst window (mean) |\n");
        md.append("|---|---|---:|---:|---:|---|\n");
        groups.forEach((key, points) -> {
            long judged = 0;
            double sum = 0;
            double flagged = 0;
            dev.llmmon.metrics.QualityPoint worst = null;
            for (dev.llmmon.metrics.QualityPoint p : points) {
                if (p.meanScore() == null) {
                    continue;
                }
                judged += p.judged();
                sum += p.meanScore() * p.judged();
                flagged += (p.flaggedRate() == null ? 0 : p.flaggedRate()) * p.judged();
                if (p.judged() >= 5 && (worst == null || p.meanScore() < worst.meanScore())) {
                    worst = p;
                }
            }
            md.append("| ").append(key).append(" | ").append(judged).append(" | ")
                    .append(judged == 0 ? "n/a" : Numbers.format(sum / judged)).append(" | ")
                    .append(judged == 0 ? "n/a" : Numbers.percent(flagged / judged)).append(" | ")
                    .append(worst == null ? "" : worst.windowStart() + " (" + Numbers.format(worst.meanScore())
                            + ", " + worst.judged() + " judged)")
                    .append(" |\n");
        });
        md.append('\n');
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
