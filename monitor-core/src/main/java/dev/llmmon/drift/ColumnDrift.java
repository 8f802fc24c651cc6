package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Scalar and categorical drift per feature: each day's input tokens, output tokens (successful calls, a bottom-k
 * sample, see {@link DailyColumns}) and finish-reason mix against the first {@code referenceDays} days.
 *
 * <p>A day drifts when a distance <i>and</i> a test say so: the normed Wasserstein distance (numeric) or the
 * Jensen–Shannon distance (the mix) at least 0.1, Evidently's thresholds, and the KS test (numeric) or Fisher's
 * exact test (the mix, see {@link #mixPValue}) significant at 0.05 Bonferroni-corrected over the run's (feature,
 * column, day) tests. Evidently picks
 * one or the other by the size of the reference; measured on the demo week, the distance alone flagged a Saturday
 * whose 100-request sample of output tokens had a median of 174 against 180 (W = 0.21, sampling noise), and the
 * tests alone at 0.05 would raise about three false alarms a week over four features, three columns and five days.
 * Consecutive drifting days of a column are one MINOR alert, open while the latest day still drifts.
 */
public final class ColumnDrift {
    /** Fewer sampled values (or requests, for the mix) on a day and the day is not tested. */
    public static final int MIN_VALUES = 30;

    /**
     * One feature-day-column compared with the reference.
     *
     * @param distance the Wasserstein-normed or Jensen–Shannon distance, with Evidently's 0.1 threshold
     * @param pValue   the test's p-value (KS for token counts, Fisher per reason for the mix)
     */
    public record Check(String feature, String column, Instant day, DriftResult distance, double pValue, String test,
                        long n, String detail) {
        public boolean drift(double alpha) {
            return distance.drift() && pValue < alpha;
        }
    }

    /** @param alpha the corrected level each test was judged at */
    public record Result(List<Check> checks, double alpha, List<Alert> alerts) {
    }

    private ColumnDrift() {
    }

    private record Numeric(String name, Function<DailyColumns.Column, double[]> values) {
    }

    private static final List<Numeric> NUMERIC = List.of(
            new Numeric("input_tokens", DailyColumns.Column::inputTokens),
            new Numeric("output_tokens", DailyColumns.Column::outputTokens));

    public static Result detect(List<DailyColumns.Column> columns, int referenceDays) {
        return detect(columns, referenceDays, List.of());
    }

    /**
     * As {@link #detect(List, int)}; with the run's {@code windows} (hourly, say) each alert also says in which
     * window of its first day the change began ({@link Alert#firstEvidence()}, see {@link ChangeHour}).
     */
    public static Result detect(List<DailyColumns.Column> columns, int referenceDays, List<WindowMetrics> windows) {
        Map<String, List<DailyColumns.Column>> byFeature = new TreeMap<>();
        columns.forEach(c -> byFeature.computeIfAbsent(c.feature(), f -> new ArrayList<>()).add(c));
        // feature/column -> checks in day order; judged once the number of tests (Bonferroni) is known
        Map<String, List<Check>> series = new LinkedHashMap<>();
        Map<String, Instant[]> references = new TreeMap<>();
        byFeature.forEach((feature, days) -> {
            if (days.size() <= referenceDays) {
                return;
            }
            references.put(feature, new Instant[] {days.get(0).day(), days.get(referenceDays).day()});
            List<DailyColumns.Column> reference = days.subList(0, referenceDays);
            for (Numeric column : NUMERIC) {
                double[] ref = reference.stream().flatMapToDouble(d -> Arrays.stream(column.values().apply(d))).toArray();
                for (DailyColumns.Column day : days.subList(referenceDays, days.size())) {
                    double[] cur = column.values().apply(day);
                    if (ref.length < MIN_VALUES || cur.length < MIN_VALUES) {
                        continue;
                    }
                    DriftResult distance = ScalarDrift.wassersteinNormed(ref, cur, DriftTests.DISTANCE_THRESHOLD);
                    double p = ScalarDrift.ks(ref, cur, DriftTests.ALPHA).pValue();
                    series.computeIfAbsent(feature + "\u0000" + column.name(), k -> new ArrayList<>())
                            .add(new Check(feature, column.name(), day.day(), distance, p, "ks", cur.length,
                                    String.format(Locale.ROOT, "median %.0f -> %.0f", median(ref), median(cur))));
                }
            }
            Map<String, Long> mix = new TreeMap<>();
            reference.forEach(d -> d.finishReasons().forEach((k, v) -> mix.merge(k, v, Long::sum)));
            for (DailyColumns.Column day : days.subList(referenceDays, days.size())) {
                long n = day.finishReasons().values().stream().mapToLong(Long::longValue).sum();
                Set<String> seen = new TreeSet<>(mix.keySet());
                seen.addAll(day.finishReasons().keySet());
                if (n < MIN_VALUES || seen.size() < 2) {
                    continue; // one finish reason on both sides: no mix to compare
                }
                DriftResult distance = CategoricalDrift.jensenShannon(mix, day.finishReasons(),
                        DriftTests.DISTANCE_THRESHOLD);
                double p = mixPValue(mix, day.finishReasons(), seen);
                String grew = SliceDrift.biggestGain(mix, day.finishReasons());
                series.computeIfAbsent(feature + "\u0000finish_reason_mix", k -> new ArrayList<>())
                        .add(new Check(feature, "finish_reason_mix", day.day(), distance, p, "fisher", n,
                                grew == null ? "" : "most grown: " + grew));
            }
        });
        int tests = series.values().stream().mapToInt(List::size).sum();
        double alpha = DriftTests.ALPHA / Math.max(1, tests);
        List<Check> all = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (List<Check> checks : series.values()) {
            all.addAll(checks);
            alerts.addAll(DayRuns.alerts(checks, c -> c.drift(alpha), Check::day,
                    (run, closedAt) -> alert(run, closedAt, firstHour(run.get(0), windows, references))));
        }
        return new Result(all, alpha, alerts);
    }

    /** The window of the first drifting day in which the change began, or {@code null}. */
    private static Instant firstHour(Check first, List<WindowMetrics> windows, Map<String, Instant[]> references) {
        Instant[] reference = references.get(first.feature());
        java.util.function.ToDoubleFunction<WindowMetrics> value = switch (first.column()) {
            case "input_tokens" -> WindowMetrics::meanInputTokens;
            case "output_tokens" -> WindowMetrics::meanOutputTokens;
            default -> first.detail().equals("most grown: error") ? WindowMetrics::errorRate
                    : first.detail().equals("most grown: refusal") ? WindowMetrics::refusalRate : null;
        };
        if (windows.isEmpty() || reference == null || value == null) {
            return null;
        }
        return ChangeHour.of(windows, first.feature(), value, first.day(), reference[0], reference[1]);
    }

    private static Alert alert(List<Check> run, Instant closedAt, Instant firstHour) {
        Check first = run.get(0);
        Check peak = run.stream().max((a, b) -> Double.compare(a.distance().statistic(), b.distance().statistic()))
                .orElseThrow();
        String what = first.column().equals("finish_reason_mix") ? "the finish-reason mix"
                : "the distribution of " + first.column().replace('_', ' ');
        String message = String.format(Locale.ROOT, "%s of feature %s moved from its reference days: %s %.3f "
                        + "(>= %.2f), %s p = %.2g on %s%s%s", what, first.feature(), peak.distance().test(),
                peak.distance().statistic(), peak.distance().threshold(), peak.test(), peak.pValue(),
                peak.day().toString().substring(0, 10), peak.detail().isEmpty() ? "" : "; " + peak.detail(),
                closedAt == null ? ", still drifting" : ", back at " + closedAt.toString().substring(0, 10));
        List<Alert.Evidence> evidence = run.stream().map(c -> new Alert.Evidence(c.day(), c.distance().statistic(),
                c.n(), c.distance().statistic(), c.distance().threshold())).toList();
        return Alert.of(AlertKind.COLUMN_DRIFT, first.feature(), "*", first.column(), first.day())
                .windowEnd(run.get(run.size() - 1).day().plus(SliceDrift.DAY)).closedAt(closedAt)
                .value(peak.distance().statistic(), 0).limit(peak.distance().threshold(), peak.distance().test())
                .direction("UP").severity(Severity.MINOR).describedBy("column-drift", message).evidence(evidence)
                .firstEvidence(firstHour).build();
    }

    /**
     * Whether any finish reason's share moved: Fisher's exact test per reason (its count against all others, day
     * against reference), the smallest p times the number of reasons. Exact because reasons are rare: a chi-square
     * goodness of fit against a reference that never saw an error calls the first two errors of a 60-request day
     * p = 0, and did so in 16% of simulated weeks without any change.
     */
    static double mixPValue(Map<String, Long> reference, Map<String, Long> current, Set<String> reasons) {
        long refTotal = reference.values().stream().mapToLong(Long::longValue).sum();
        long curTotal = current.values().stream().mapToLong(Long::longValue).sum();
        double min = 1;
        for (String reason : reasons) {
            min = Math.min(min, DriftTests.fisherTwoSided(reference.getOrDefault(reason, 0L), refTotal,
                    current.getOrDefault(reason, 0L), curTotal));
        }
        return Math.min(1, min * reasons.size());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
