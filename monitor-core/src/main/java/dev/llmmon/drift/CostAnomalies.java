package dev.llmmon.drift;

import dev.llmmon.alert.Alert;
import dev.llmmon.alert.AlertKind;
import dev.llmmon.alert.Severity;
import dev.llmmon.metrics.WindowMetrics;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Hourly cost per feature against a seasonal baseline that knows hour-of-day and day-of-week.
 *
 * <p>Model: log cost = weekly profile + noise. Over the baseline weeks, the expected log cost of each of the 168
 * hour-of-week slots (in {@code zone}) is the <b>median</b> of that slot's baseline hours (falling back to the
 * hour-of-day median, then the overall median, for slots without data). The noise scale is one number for all
 * slots: 1.4826 × the median absolute <b>leave-one-out</b> residual (each baseline hour against the median of the
 * other weeks of its slot). That is deliberately the spread of "one hour minus a median of a few weeks", not of
 * the noise alone: a new hour is compared with a median of only k weeks, whose own error adds to the difference
 * (for k = 3 about 1.45σ² in total; the leave-one-out residual has 1.5σ²). Scaling by the noise alone made a clean
 * week alarm in about one run in ten. Working in logs makes the scale relative, so a quiet 3 am and a busy
 * Monday 9 am are judged by the same percentage noise.
 *
 * <p>An hour is anomalous when its robust z = (log cost − expected)/scale exceeds {@code zThreshold} (default 4)
 * and the cost is at least {@code minRelativeExcess} (default 25 %) above expected: the second condition keeps a
 * very regular series from alarming on tiny absolute changes. Consecutive anomalous hours form one alert.
 * Only increases alert (cost down is not an incident).
 */
public final class CostAnomalies {
    public static final String METRIC = "cost_total_usd_hourly";
    private static final double MAD_TO_SD = 1.4826;

    /**
     * @param baselineFrom start of the baseline (inclusive); {@code null}: the first hour of the feature
     * @param baselineWeeks whole weeks of baseline (default 3)
     */
    public record Plan(Instant baselineFrom, int baselineWeeks, ZoneId zone, double zThreshold,
                       double minRelativeExcess) {
        public Plan {
            Objects.requireNonNull(zone, "zone");
            if (baselineWeeks < 2) {
                throw new IllegalArgumentException("a seasonal baseline needs at least 2 weeks, got " + baselineWeeks);
            }
            if (!(zThreshold > 0) || !(minRelativeExcess >= 0)) {
                throw new IllegalArgumentException("zThreshold must be > 0 and minRelativeExcess >= 0");
            }
        }

        public static Plan defaults() {
            return new Plan(null, 3, ZoneId.of("UTC"), 4, 0.25);
        }

        public Plan withZone(ZoneId zone) {
            return new Plan(baselineFrom, baselineWeeks, zone, zThreshold, minRelativeExcess);
        }
    }

    /** One evaluated hour. {@code expected} and {@code limit} are in USD. */
    public record HourCheck(Instant hour, double cost, double expected, double limit, double z, boolean anomalous) {
    }

    /** The checks per feature (after the baseline) and the alerts. */
    public record Result(Map<String, List<HourCheck>> checks, Map<String, Double> scale, List<Alert> alerts) {
    }

    private CostAnomalies() {
    }

    /** @param windows 1 h window metrics; unsliced per-model rows are summed per feature and hour */
    public static Result detect(Plan plan, List<WindowMetrics> windows) {
        Map<String, TreeMap<Instant, Double>> hourly = new TreeMap<>();
        for (WindowMetrics w : windows) {
            if (w.key().isSliced() || w.key().isRollup()) {
                continue;
            }
            if (!Duration.between(w.windowStart(), w.windowEnd()).equals(Duration.ofHours(1))) {
                throw new IllegalArgumentException("cost anomalies need 1h windows; window " + w.windowStart()
                        + " of feature " + w.featureId() + " is " + Duration.between(w.windowStart(), w.windowEnd()));
            }
            hourly.computeIfAbsent(w.featureId(), f -> new TreeMap<>()).merge(w.windowStart(), w.costTotalUsd(), Double::sum);
        }
        Map<String, List<HourCheck>> checks = new TreeMap<>();
        Map<String, Double> scales = new TreeMap<>();
        List<Alert> alerts = new ArrayList<>();
        hourly.forEach((feature, costs) -> {
            Instant from = plan.baselineFrom() != null ? plan.baselineFrom() : costs.firstKey();
            Instant to = from.plus(Duration.ofDays(7L * plan.baselineWeeks()));
            Profile profile = Profile.fit(costs.subMap(from, to), plan);
            if (profile == null) {
                return;
            }
            scales.put(feature, profile.scale);
            List<HourCheck> featureChecks = new ArrayList<>();
            for (Map.Entry<Instant, Double> e : costs.tailMap(to).entrySet()) {
                double expectedLog = profile.expected(e.getKey());
                double z = (Math.log(e.getValue() + profile.epsilon) - expectedLog) / profile.scale;
                double expected = Math.exp(expectedLog) - profile.epsilon;
                double limit = Math.max(Math.exp(expectedLog + plan.zThreshold() * profile.scale) - profile.epsilon,
                        expected * (1 + plan.minRelativeExcess()));
                featureChecks.add(new HourCheck(e.getKey(), e.getValue(), expected, limit, z, e.getValue() > limit));
            }
            checks.put(feature, List.copyOf(featureChecks));
            alerts.addAll(episodes(feature, featureChecks, costs.lastKey(), plan));
        });
        return new Result(checks, scales, alerts);
    }

    private static List<Alert> episodes(String feature, List<HourCheck> checks, Instant lastHour, Plan plan) {
        List<Alert> out = new ArrayList<>();
        List<HourCheck> run = new ArrayList<>();
        for (int i = 0; i <= checks.size(); i++) {
            HourCheck c = i < checks.size() ? checks.get(i) : null;
            if (c != null && c.anomalous()) {
                run.add(c);
                continue;
            }
            if (!run.isEmpty()) {
                out.add(alert(feature, run, c == null ? null : c.hour(), plan));
                run = new ArrayList<>();
            }
        }
        return out;
    }

    private static Alert alert(String feature, List<HourCheck> run, Instant closedAt, Plan plan) {
        HourCheck peak = run.stream().max((a, b) -> Double.compare(a.z(), b.z())).orElseThrow();
        Instant start = run.get(0).hour();
        Severity severity = peak.z() >= 10 ? Severity.CRITICAL : Severity.MAJOR;
        String message = String.format(Locale.ROOT,
                "hourly cost of feature %s up: %s USD at %s where its hour-of-week baseline expects %s USD (robust z %.1f)%s",
                feature, Alert.number(peak.cost()), peak.hour(), Alert.number(peak.expected()), peak.z(),
                closedAt == null ? ", still high" : ", back to normal at " + closedAt);
        return Alert.of(AlertKind.COST_ANOMALY, feature, "*", METRIC, start)
                .windowEnd(run.get(run.size() - 1).hour().plus(Duration.ofHours(1))).closedAt(closedAt)
                .value(peak.cost(), peak.expected()).limit(peak.limit(), "value").deviation(peak.z())
                .direction("UP").severity(severity)
                .describedBy(String.format(Locale.ROOT, "seasonal-cost(hour-of-week median, %d weeks, z>%s, +%s%%, %s)",
                        plan.baselineWeeks(), plan.zThreshold(), plan.minRelativeExcess() * 100, plan.zone()), message)
                .evidence(run.stream().map(c -> new Alert.Evidence(c.hour(), c.cost(), 0, c.z(), c.limit())).toList())
                .build();
    }

    /** The fitted weekly profile of log cost. */
    private static final class Profile {
        final double[] slotMedian = new double[168];
        final double[] hourMedian = new double[24];
        final double overall;
        final double scale;
        final double epsilon;
        final ZoneId zone;

        private Profile(Map<Integer, List<Double>> slots, double overall, double scale, double epsilon, ZoneId zone) {
            this.overall = overall;
            this.scale = scale;
            this.epsilon = epsilon;
            this.zone = zone;
            for (int h = 0; h < 24; h++) {
                List<Double> sameHour = new ArrayList<>();
                for (int d = 0; d < 7; d++) {
                    sameHour.addAll(slots.getOrDefault(d * 24 + h, List.of()));
                }
                hourMedian[h] = sameHour.isEmpty() ? overall : median(sameHour);
            }
            for (int s = 0; s < 168; s++) {
                List<Double> values = slots.get(s);
                slotMedian[s] = values == null || values.isEmpty() ? hourMedian[s % 24] : median(values);
            }
        }

        static Profile fit(Map<Instant, Double> baseline, Plan plan) {
            if (baseline.size() < 48) {
                return null;
            }
            double[] costs = baseline.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            // keeps log defined for hours that cost nothing, and small against a typical hour
            double epsilon = Math.max(1e-9, 0.01 * costs[costs.length / 2]);
            Map<Integer, List<Double>> slots = new TreeMap<>();
            baseline.forEach((hour, cost) -> slots.computeIfAbsent(slot(hour, plan.zone()), s -> new ArrayList<>())
                    .add(Math.log(cost + epsilon)));
            List<Double> all = new ArrayList<>();
            slots.values().forEach(all::addAll);
            double overall = median(all);
            List<Double> residuals = new ArrayList<>();
            for (List<Double> values : slots.values()) {
                for (int i = 0; i < values.size() && values.size() > 1; i++) {
                    List<Double> others = new ArrayList<>(values);
                    others.remove(i);
                    residuals.add(Math.abs(values.get(i) - median(others)));
                }
            }
            if (residuals.isEmpty()) {
                return null;
            }
            // a floor of 1 % keeps a perfectly regular series from dividing by zero
            double scale = Math.max(0.01, MAD_TO_SD * median(residuals));
            return new Profile(slots, overall, scale, epsilon, plan.zone());
        }

        double expected(Instant hour) {
            return slotMedian[slot(hour, zone)];
        }

        static int slot(Instant hour, ZoneId zone) {
            ZonedDateTime t = hour.atZone(zone);
            return (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + t.getHour();
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
