package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.metrics.WindowMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Input drift in a categorical slice: per feature and metadata key (e.g. {@code query_category}), each day's mix of
 * values is compared with the mix over the first {@code referenceDays} days, with the test Evidently would pick
 * (chi-square below 1000 reference requests, Jensen–Shannon distance ≥ 0.1 above, see {@link DriftTests}).
 * Consecutive drifting days are one alert, open while the latest day still drifts. Needs the key among the
 * monitor's slices; rows are the feature roll-ups ({@code model_id = *}).
 */
public final class SliceDrift {
    public static final Duration DAY = Duration.ofDays(1);

    /** One day compared with the reference. */
    public record Check(String feature, String sliceKey, Instant day, DriftResult result, Map<String, Long> counts) {
    }

    public record Result(List<Check> checks, List<Alert> alerts) {
    }

    private SliceDrift() {
    }

    public static Result detect(List<WindowMetrics> windows, int referenceDays) {
        // feature -> slice key -> day -> value -> requests
        Map<String, Map<String, TreeMap<Instant, Map<String, Long>>>> counts = new TreeMap<>();
        for (WindowMetrics w : windows) {
            if (!w.key().isSliced() || !w.key().isRollup()) {
                continue;
            }
            Instant day = Instant.ofEpochMilli(Math.floorDiv(w.windowStart().toEpochMilli(), DAY.toMillis()) * DAY.toMillis());
            counts.computeIfAbsent(w.featureId(), f -> new TreeMap<>())
                    .computeIfAbsent(w.key().sliceKey(), k -> new TreeMap<>())
                    .computeIfAbsent(day, d -> new TreeMap<>())
                    .merge(w.key().sliceValue(), w.requests(), Long::sum);
        }
        List<Check> checks = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        counts.forEach((feature, byKey) -> byKey.forEach((key, byDay) -> {
            List<Instant> days = new ArrayList<>(byDay.keySet());
            if (days.size() <= referenceDays) {
                return;
            }
            Map<String, Long> reference = new TreeMap<>();
            for (int i = 0; i < referenceDays; i++) {
                byDay.get(days.get(i)).forEach((v, n) -> reference.merge(v, n, Long::sum));
            }
            List<Check> keyChecks = new ArrayList<>();
            for (int i = referenceDays; i < days.size(); i++) {
                Map<String, Long> current = byDay.get(days.get(i));
                keyChecks.add(new Check(feature, key, days.get(i), DriftTests.categorical(reference, current), current));
            }
            checks.addAll(keyChecks);
            alerts.addAll(DayRuns.alerts(keyChecks, c -> c.result().drift(), Check::day,
                    (run, closedAt) -> alert(run, reference, closedAt)));
        }));
        return new Result(checks, alerts);
    }

    private static Alert alert(List<Check> run, Map<String, Long> reference, Instant closedAt) {
        Check first = run.get(0);
        Check peak = run.stream().max((a, b) -> Double.compare(a.result().statistic(), b.result().statistic()))
                .orElseThrow();
        String metric = "slice_mix:" + first.sliceKey();
        String grew = biggestGain(reference, peak.counts());
        String message = String.format(Locale.ROOT, "the mix of %s for feature %s moved from its reference days: %s %s"
                        + " on %s%s%s", first.sliceKey(), first.feature(), peak.result().test(),
                format(peak.result()), peak.day().toString().substring(0, 10),
                grew == null ? "" : "; most grown: " + grew,
                closedAt == null ? ", still drifting" : ", back at " + closedAt.toString().substring(0, 10));
        List<Alert.Evidence> evidence = run.stream().map(c -> new Alert.Evidence(c.day(), c.result().statistic(),
                c.counts().values().stream().mapToLong(Long::longValue).sum(), c.result().statistic(),
                c.result().threshold())).toList();
        return Alert.of(AlertKind.SLICE_DRIFT, first.feature(), "*", metric, first.day())
                .windowEnd(run.get(run.size() - 1).day().plus(DAY)).closedAt(closedAt)
                .value(peak.result().statistic(), 0).limit(peak.result().threshold(), peak.result().test())
                .direction("UP").severity(Severity.MINOR).describedBy("slice-drift", message).evidence(evidence)
                .build();
    }

    private static String format(DriftResult r) {
        return Double.isNaN(r.pValue())
                ? String.format(Locale.ROOT, "%.3f (>= %.2f)", r.statistic(), r.threshold())
                : String.format(Locale.ROOT, "%.2f (p = %.2g)", r.statistic(), r.pValue());
    }

    /** The value whose share grew most, as "value 3% -> 30%". */
    static String biggestGain(Map<String, Long> reference, Map<String, Long> current) {
        double refTotal = reference.values().stream().mapToLong(Long::longValue).sum();
        double curTotal = current.values().stream().mapToLong(Long::longValue).sum();
        String best = null;
        double gain = 0;
        for (Map.Entry<String, Long> e : current.entrySet()) {
            double before = reference.getOrDefault(e.getKey(), 0L) / refTotal;
            double now = e.getValue() / curTotal;
            if (now - before > gain) {
                gain = now - before;
                best = String.format(Locale.ROOT, "%s %.0f%% -> %.0f%%", e.getKey(), 100 * before, 100 * now);
            }
        }
        return best;
    }
}
