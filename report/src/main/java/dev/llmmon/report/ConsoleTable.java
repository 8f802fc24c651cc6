package dev.llmmon.report;

import dev.llmmon.internal.text.Numbers;
import dev.llmmon.metrics.GroupKey;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.report.internal.RunSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The compact table printed in the build log: one line per feature × model over the whole run. */
public final class ConsoleTable {
    private ConsoleTable() {
    }

    public static List<String> lines(MonitorResult result) {
        List<String> lines = new ArrayList<>();
        String format = "%-18s %-30s %8s %7s %7s %9s %9s %10s";
        lines.add(String.format(Locale.ROOT, format, "feature", "model", "requests", "errors", "refusal",
                "p95 med", "p95 max", "cost USD"));
        for (RunSummary s : RunSummary.of(result)) {
            lines.add(String.format(Locale.ROOT, format, clip(s.featureId(), 18),
                    clip(GroupKey.ALL_MODELS.equals(s.modelId()) ? "(all models)" : s.modelId(), 30),
                    s.requests(), Numbers.percent(s.errorRate()), Numbers.percent(s.refusalRate()),
                    Numbers.format(s.medianWindowP95Ms()), Numbers.format(s.worstWindowP95Ms()),
                    Numbers.format(s.costTotalUsd()) + (s.costUnknownRequests() > 0 ? "+?" : "")));
        }
        return lines;
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
