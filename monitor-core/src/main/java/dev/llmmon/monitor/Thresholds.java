package dev.llmmon.monitor;

import dev.llmmon.internal.text.Numbers;
import dev.llmmon.metrics.WindowMetrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static upper limits on window metrics, for all features and per feature (a feature's own limit wins). Checked on
 * each window × feature × model row with at least {@code minRequests} requests, so that a window of three requests
 * with one error does not fail the build. A limit of 0 means "off", as in pitest's thresholds.
 */
public final class Thresholds {
    /** A window whose metric is above its limit. */
    public record Violation(String featureId, String modelId, Instant windowStart, Metric metric, double value,
                            BigDecimal limit, long requests) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s / %s, window %s: %s = %s exceeds the limit %s (%d requests)",
                    featureId, modelId, windowStart, metric.id(), Numbers.format(value), limit.toPlainString(), requests);
        }
    }

    private final EnumMap<Metric, BigDecimal> global = new EnumMap<>(Metric.class);
    private final Map<String, EnumMap<Metric, BigDecimal>> perFeature = new HashMap<>();
    private long minRequests = 20;

    /** Parses a limit as a BigDecimal (exact, as written); blank means not set, 0 means off. */
    static BigDecimal limit(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal limit = new BigDecimal(value.trim());
            if (limit.signum() < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: '" + value + "'", e);
        }
    }

    public static Thresholds none() {
        return new Thresholds();
    }

    /** The limits' names as users write them ({@code llmmon.maxErrorRate}, ...), and the metric each one limits. */
    private static final Map<String, Metric> LIMITS = limitNames();

    private static Map<String, Metric> limitNames() {
        Map<String, Metric> names = new LinkedHashMap<>();
        names.put("maxErrorRate", Metric.ERROR_RATE);
        names.put("maxRefusalRate", Metric.REFUSAL_RATE);
        names.put("maxP95LatencyMs", Metric.LATENCY_P95_MS);
        names.put("maxP99LatencyMs", Metric.LATENCY_P99_MS);
        names.put("maxCostPerRequest", Metric.COST_PER_REQUEST_USD);
        names.put("maxMeanInputTokens", Metric.MEAN_INPUT_TOKENS);
        names.put("maxMeanOutputTokens", Metric.MEAN_OUTPUT_TOKENS);
        return Collections.unmodifiableMap(names);
    }

    /** One feature's limits, by name, as written (blank or absent: not set, so the global limit holds; 0: off). */
    public record FeatureLimits(String feature, Map<String, String> limits) {
    }

    /**
     * Thresholds from limits as users write them: BigDecimal strings by name ({@code maxErrorRate},
     * {@code maxRefusalRate}, {@code maxP95LatencyMs}, {@code maxP99LatencyMs}, {@code maxCostPerRequest},
     * {@code maxMeanInputTokens}, {@code maxMeanOutputTokens}), for every feature and then per feature, in order.
     *
     * @throws IllegalArgumentException naming the limit that is unknown, negative or not a number
     */
    public static Thresholds of(long minRequests, Map<String, String> global, List<FeatureLimits> perFeature) {
        Thresholds t = none().minRequests(minRequests);
        global.forEach((name, value) -> t.max(metric(name), limit(name, value)));
        for (FeatureLimits f : perFeature) {
            if (f.feature() == null || f.feature().isBlank()) {
                throw new IllegalArgumentException("a <featureThreshold> needs a <feature>");
            }
            f.limits().forEach((name, value) -> {
                BigDecimal limit = limit("featureThreshold[" + f.feature() + "]." + name, value);
                if (limit != null) {
                    t.max(f.feature(), metric(name), limit);
                }
            });
        }
        return t;
    }

    private static Metric metric(String limitName) {
        Metric metric = LIMITS.get(limitName);
        if (metric == null) {
            throw new IllegalArgumentException("unknown limit '" + limitName + "'; use one of " + LIMITS.keySet());
        }
        return metric;
    }

    /** Sets a limit for every feature; {@code null} or 0 turns it off. */
    public Thresholds max(Metric metric, BigDecimal limit) {
        put(global, metric, limit);
        return this;
    }

    /** Sets a limit for one feature; {@code null} or 0 turns it off (for that feature, also a global limit). */
    public Thresholds max(String featureId, Metric metric, BigDecimal limit) {
        EnumMap<Metric, BigDecimal> limits = perFeature.computeIfAbsent(featureId, f -> new EnumMap<>(Metric.class));
        limits.put(metric, limit == null ? BigDecimal.ZERO : limit);
        return this;
    }

    public Thresholds minRequests(long value) {
        this.minRequests = value;
        return this;
    }

    public long minRequests() {
        return minRequests;
    }

    public boolean isEmpty() {
        return global.isEmpty() && perFeature.values().stream().allMatch(m -> m.values().stream()
                .allMatch(v -> v.signum() == 0));
    }

    private static void put(EnumMap<Metric, BigDecimal> map, Metric metric, BigDecimal limit) {
        if (limit == null || limit.signum() == 0) {
            map.remove(metric);
        } else {
            map.put(metric, limit);
        }
    }

    /** The effective limits of a feature: global ones overridden by the feature's own (0 = off). */
    public Map<Metric, BigDecimal> limitsFor(String featureId) {
        EnumMap<Metric, BigDecimal> limits = new EnumMap<>(global);
        perFeature.getOrDefault(featureId, new EnumMap<>(Metric.class)).forEach((m, v) -> put(limits, m, v));
        return limits;
    }

    /** Violations among the per-model, unsliced rows, in row order. NaN values (no data) never violate. */
    public List<Violation> check(List<WindowMetrics> rows) {
        List<Violation> out = new ArrayList<>();
        Map<String, Map<Metric, BigDecimal>> cache = new HashMap<>();
        for (WindowMetrics row : rows) {
            if (row.key().isRollup() || row.key().isSliced() || row.requests() < minRequests) {
                continue;
            }
            Map<Metric, BigDecimal> limits = cache.computeIfAbsent(row.featureId(), this::limitsFor);
            limits.forEach((metric, limit) -> {
                double value = metric.valueOf(row);
                if (!Double.isNaN(value) && value > limit.doubleValue()) {
                    out.add(new Violation(row.featureId(), row.modelId(), row.windowStart(), metric, value, limit,
                            row.requests()));
                }
            });
        }
        return out;
    }
}
