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
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Output tokens per request up after a model or prompt change, even when traffic and total cost look normal
 * (fewer requests × longer answers = the same bill, until traffic returns).
 *
 * <p>For each feature with a change at T (the first window of a model id the feature had not used, or an explicit
 * time, e.g. a prompt release), the request-weighted output tokens per request of [T − before, T) and of
 * [T, T + after) are compared. An alert needs both a relative increase of at least {@code minIncrease} (default
 * 20 %) and a Welch t-test over the per-window means with p below {@code alpha} (default 0.01), so neither a
 * large but noisy nor a significant but tiny change alerts. The alert stays OPEN while the latest {@code after}
 * span is still that much above the pre-change level. Severity: MAJOR from +50 %, MINOR below.
 */
public final class TokenBloat {
    public static final String METRIC = "output_tokens_per_request";

    public record Plan(Duration before, Duration after, double minIncrease, double alpha, Map<String, Instant> changes) {
        public Plan {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            changes = Map.copyOf(changes);
        }

        /** 7 days before, 1 day after, +20 %, p &lt; 0.01, changes found in the windows. */
        public static Plan defaults() {
            return new Plan(Duration.ofDays(7), Duration.ofDays(1), 0.2, 0.01, Map.of());
        }

        public Plan withChange(String feature, Instant at) {
            Map<String, Instant> all = new java.util.HashMap<>(changes);
            all.put(feature, at);
            return new Plan(before, after, minIncrease, alpha, all);
        }
    }

    /** Per feature: the comparison made, whether or not it alerted. */
    public record Check(String feature, String model, Instant change, double tokensBefore, double tokensAfter,
                        double requestsPerWindowBefore, double requestsPerWindowAfter,
                        double outputTokensPerWindowBefore, double outputTokensPerWindowAfter, double pValue,
                        boolean bloated) {
        public double ratio() {
            return tokensAfter / tokensBefore;
        }
    }

    public record Result(List<Check> checks, List<Alert> alerts) {
    }

    private TokenBloat() {
    }

    public static Result detect(Plan plan, List<WindowMetrics> windows) {
        record Hour(long requests, double tokens) {
        }
        Map<String, TreeMap<Instant, Hour>> byFeature = new TreeMap<>();
        Map<String, Map<String, Instant>> firstSeen = new TreeMap<>();
        Duration window = null;
        for (WindowMetrics w : windows) {
            if (w.key().isSliced() || w.key().isRollup() || w.requests() == 0) {
                continue;
            }
            window = Duration.between(w.windowStart(), w.windowEnd());
            byFeature.computeIfAbsent(w.featureId(), f -> new TreeMap<>()).merge(w.windowStart(),
                    new Hour(w.requests(), w.meanOutputTokens() * w.requests()),
                    (a, b) -> new Hour(a.requests() + b.requests(), a.tokens() + b.tokens()));
            firstSeen.computeIfAbsent(w.featureId(), f -> new TreeMap<>())
                    .merge(w.modelId(), w.windowStart(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Check> checks = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Instant, Hour>> e : byFeature.entrySet()) {
            String feature = e.getKey();
            TreeMap<Instant, Hour> hours = e.getValue();
            Instant change = plan.changes().get(feature);
            String model = "*";
            if (change == null) {
                Map<String, Instant> models = firstSeen.get(feature);
                Instant first = hours.firstKey();
                for (Map.Entry<String, Instant> m : models.entrySet()) {
                    if (m.getValue().isAfter(first) && (change == null || m.getValue().isAfter(change))) {
                        change = m.getValue();
                        model = m.getKey();
                    }
                }
            }
            if (change == null) {
                continue;
            }
            var before = hours.subMap(change.minus(plan.before()), change).values();
            var after = hours.subMap(change, change.plus(plan.after())).values();
            if (before.size() < 3 || after.size() < 3) {
                continue;
            }
            double tb = before.stream().mapToDouble(Hour::tokens).sum() / before.stream().mapToLong(Hour::requests).sum();
            double ta = after.stream().mapToDouble(Hour::tokens).sum() / after.stream().mapToLong(Hour::requests).sum();
            double p = new TTest().tTest(before.stream().mapToDouble(h -> h.tokens() / h.requests()).toArray(),
                    after.stream().mapToDouble(h -> h.tokens() / h.requests()).toArray());
            boolean bloated = ta >= tb * (1 + plan.minIncrease()) && p < plan.alpha();
            Check check = new Check(feature, model, change, tb, ta,
                    before.stream().mapToLong(Hour::requests).average().orElse(Double.NaN),
                    after.stream().mapToLong(Hour::requests).average().orElse(Double.NaN),
                    before.stream().mapToDouble(Hour::tokens).average().orElse(Double.NaN),
                    after.stream().mapToDouble(Hour::tokens).average().orElse(Double.NaN), p, bloated);
            checks.add(check);
            if (!bloated) {
                continue;
            }
            Instant recentFrom = hours.lastKey().plus(window).minus(plan.after());
            var recent = hours.tailMap(recentFrom.isAfter(change) ? recentFrom : change).values();
            double tr = recent.stream().mapToDouble(Hour::tokens).sum() / recent.stream().mapToLong(Hour::requests).sum();
            boolean open = tr >= tb * (1 + plan.minIncrease());
            Instant lastAfter = hours.subMap(change, change.plus(plan.after())).lastKey();
            String message = String.format(Locale.ROOT,
                    "output tokens per request of feature %s up %.0f%% after the change at %s (%s): %.1f -> %.1f "
                            + "(Welch p = %.2g); output tokens per window %.0f -> %.0f, requests per window %.0f -> %.0f%s",
                    feature, (ta / tb - 1) * 100, change, "*".equals(model) ? "explicit change" : "new model " + model,
                    tb, ta, p, check.outputTokensPerWindowBefore(), check.outputTokensPerWindowAfter(),
                    check.requestsPerWindowBefore(), check.requestsPerWindowAfter(),
                    open ? "" : "; back to the earlier level in the latest " + plan.after());
            double excess = ta / tb - 1;
            Severity severity = excess >= 0.5 ? Severity.MAJOR : Severity.MINOR;
            alerts.add(Alert.of(AlertKind.TOKEN_BLOAT, feature, model, METRIC, change)
                    .windowEnd(lastAfter.plus(window)).closedAt(open ? null : recentFrom)
                    .value(ta, tb).limit(tb * (1 + plan.minIncrease()), "value").direction("UP").severity(severity)
                    .describedBy(String.format(Locale.ROOT, "token-bloat(before=%s, after=%s, +%s%%, p<%s)",
                            plan.before(), plan.after(), plan.minIncrease() * 100, plan.alpha()), message)
                    .evidence(hours.subMap(change, change.plus(plan.after())).entrySet().stream()
                            .map(h -> new Alert.Evidence(h.getKey(), h.getValue().tokens() / h.getValue().requests(),
                                    h.getValue().requests(), Double.NaN, tb * (1 + plan.minIncrease())))
                            .toList())
                    .build());
        }
        return new Result(checks, alerts);
    }
}
