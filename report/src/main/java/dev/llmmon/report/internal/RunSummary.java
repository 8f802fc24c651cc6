package dev.llmmon.report.internal;

import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.MonitorResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-run totals per feature × model (and per feature over all models), summed from the unsliced window rows:
 * counts and rates are exact; latency is summarised by the worst and the median window p95.
 */
public record RunSummary(String featureId, String modelId, int windows, long requests, double errorRate,
                         double refusalRate, double medianWindowP95Ms, double worstWindowP95Ms, double costTotalUsd,
                         long costUnknownRequests, double meanOutputTokens, int survivorshipWindows) {

    public static List<RunSummary> of(MonitorResult result) {
        Map<String, List<WindowMetrics>> byGroup = new LinkedHashMap<>();
        result.windows().stream()
                .filter(w -> !w.key().isSliced())
                .sorted(java.util.Comparator.comparing(WindowMetrics::featureId)
                        .thenComparing(w -> w.key().isRollup() ? "~" : w.modelId()))
                .forEach(w -> byGroup.computeIfAbsent(w.featureId() + "\u0000" + w.modelId(), k -> new ArrayList<>())
                        .add(w));
        List<RunSummary> out = new ArrayList<>();
        byGroup.forEach((k, rows) -> {
            long n = 0;
            long errors = 0;
            long refusals = 0;
            long unknown = 0;
            double cost = 0;
            double outTokens = 0;
            int risky = 0;
            double[] p95 = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                WindowMetrics w = rows.get(i);
                n += w.requests();
                errors += w.errors();
                refusals += w.refusals();
                unknown += w.costUnknownRequests();
                cost += w.costTotalUsd();
                outTokens += w.meanOutputTokens() * w.requests();
                p95[i] = w.latencyP95Ms();
                if (w.signals() != null && w.signals().survivorshipRisk()) {
                    risky++;
                }
            }
            java.util.Arrays.sort(p95);
            WindowMetrics first = rows.get(0);
            out.add(new RunSummary(first.featureId(), first.modelId(), rows.size(), n, errors / (double) n,
                    refusals / (double) n, p95[(p95.length - 1) / 2], p95[p95.length - 1], cost, unknown,
                    outTokens / n, risky));
        });
        return out;
    }
}
