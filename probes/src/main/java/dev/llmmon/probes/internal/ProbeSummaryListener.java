package dev.llmmon.probes.internal;

import dev.llmmon.probes.ProbeRunSummary;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects one row per probe (pass rate with its interval, the minimum, the verdict) and the failures; the
 * {@link dev.llmmon.probes.ProbeLauncher} listens with it.
 */
public final class ProbeSummaryListener implements TestExecutionListener {
    private final Map<String, Row> rows = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> abortions = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();
    private final List<String> unavailableErrors = new ArrayList<>();
    private TestPlan plan;
    private int passed;
    private int failed;
    private int aborted;
    private int skipped;
    private int unavailableCount;

    private static final class Row {
        final String name;
        final String uniqueId;
        String passRate = "-";
        String minPassRate = "-";
        String verdict = "NOT RUN";
        int passes;
        int runs;
        OptionalDouble meanScore = OptionalDouble.empty();
        boolean unavailable;
        long inputTokens;
        long outputTokens;

        Row(String name, String uniqueId) {
            this.name = name;
            this.uniqueId = uniqueId;
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    private String name(TestIdentifier id) {
        String parent = plan == null ? null : plan.getParent(id).filter(p -> p.getParentId().isPresent())
                .map(TestIdentifier::getDisplayName).orElse(null);
        return parent == null ? id.getDisplayName() : parent + " / " + id.getDisplayName();
    }

    private synchronized Row row(TestIdentifier id) {
        return rows.computeIfAbsent(id.getUniqueId(), k -> {
            order.add(k);
            return new Row(name(id), k);
        });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            synchronized (this) {
                row(id).verdict = "SKIPPED";
                skipped++;
            }
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            row(id);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (!id.isTest()) {
            return;
        }
        Row r = row(id);
        Map<String, String> kv = entry.getKeyValuePairs();
        synchronized (this) {
            if (kv.containsKey("llmmon.passRate")) {
                r.passRate = kv.get("llmmon.passRate");
            }
            if (kv.containsKey("llmmon.minPassRate")) {
                r.minPassRate = kv.get("llmmon.minPassRate");
            }
            r.passes = number(kv, "llmmon.passes", r.passes);
            r.runs = number(kv, "llmmon.runs", r.runs);
            r.inputTokens = number(kv, "llmmon.tokens.input", r.inputTokens);
            r.outputTokens = number(kv, "llmmon.tokens.output", r.outputTokens);
            if ("true".equals(kv.get("llmmon.unavailable"))) {
                r.unavailable = true;
            }
            if (kv.containsKey("llmmon.score.mean")) {
                r.meanScore = OptionalDouble.of(Double.parseDouble(kv.get("llmmon.score.mean")));
            }
        }
    }

    /** The engine's own entries are numbers; anything else under the key (another engine's) keeps the default. */
    private static int number(Map<String, String> kv, String key, int otherwise) {
        return (int) number(kv, key, (long) otherwise);
    }

    private static long number(Map<String, String> kv, String key, long otherwise) {
        String v = kv.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String message = result.getThrowable().map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                .map(m -> dev.llmmon.redact.Redactor.standard().redact(m).text())   // summaries are written to disk
                .map(m -> m.strip().replace("\n", "\n    ")).orElse("");
        if (!id.isTest()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failures.add(id.getDisplayName() + ": " + message);
            }
            return;
        }
        Row r = row(id);
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                r.verdict = "PASS";
                passed++;
            }
            case ABORTED -> {
                r.verdict = "ABORTED";
                aborted++;
                abortions.add("probe " + r.name + " checked nothing: " + message);
            }
            case FAILED -> {
                if (r.unavailable) {
                    // an outage is not a failing probe: reported once, as the endpoint's (see endpointUnavailable)
                    r.verdict = "UNAVAILABLE";
                    unavailableCount++;
                    unavailable.add(r.name);
                    unavailableErrors.add(message);
                    return;
                }
                r.verdict = "FAIL";
                failed++;
                failures.add("probe " + r.name + " failed: " + message);
            }
        }
    }

    public int probes() {
        return passed + failed + aborted + skipped + unavailableCount;
    }

    /**
     * The endpoint outage, {@code null} when every probe got answers: which probes got no answer to any call, and the
     * first failure (e.g. {@code HTTP 500 after 3 attempts}).
     */
    public synchronized String endpointUnavailable() {
        if (unavailable.isEmpty()) {
            return null;
        }
        String first = unavailableErrors.get(0).lines().skip(1).findFirst().orElse(unavailableErrors.get(0)).strip();
        return (unavailable.size() == probes() ? "all " + probes() + " probe(s)"
                : unavailable.size() + " of " + probes() + " probe(s) (" + String.join(", ", unavailable) + ")")
                + " got no answer to any call, e.g. " + first;
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** Probes whose every check was skipped (no judge or embedder configured, ...), with the engine's reason. */
    public synchronized List<String> abortions() {
        return List.copyOf(abortions);
    }

    public synchronized String totals() {
        return String.format(Locale.ROOT, "%d probe(s): %d passed, %d failed, %d aborted, %d skipped",
                probes(), passed, failed, aborted, skipped)
                + (unavailableCount == 0 ? "" : ", " + unavailableCount + " unavailable (endpoint)");
    }

    /** One outcome per probe, in the order they ran. */
    public synchronized List<ProbeRunSummary.ProbeOutcome> outcomes() {
        return order.stream().map(rows::get)
                .map(r -> new ProbeRunSummary.ProbeOutcome(r.name, r.passRate, r.minPassRate, r.verdict, r.uniqueId,
                        r.passes, r.runs, r.meanScore, r.inputTokens, r.outputTokens)).toList();
    }

    public synchronized List<String> table() {
        int width = Math.max(5, order.stream().mapToInt(k -> rows.get(k).name.length()).max().orElse(5));
        int rateWidth = Math.max(9, order.stream().mapToInt(k -> rows.get(k).passRate.length()).max().orElse(9));
        String format = "%-" + width + "s  %-" + rateWidth + "s  %-8s  %s";
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, format, "probe", "pass rate", "min", "verdict"));
        for (String k : order) {
            Row r = rows.get(k);
            out.add(String.format(Locale.ROOT, format, r.name, r.passRate, r.minPassRate, r.verdict));
        }
        return out;
    }
}
