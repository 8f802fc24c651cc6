package dev.llmmon.metrics;

import dev.llmmon.record.RequestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mergeable aggregation of request records into window metrics. Feed records with {@link #accept} (or {@link #add} with user signals), combine partial
 * aggregations (one per thread, file or machine) with {@link #merge}, then read {@link #metrics()}. Merging
 * partials gives exactly the result over the whole input. Feature roll-ups over models are derived at the end by
 * merging, so they cost nothing per record.
 */
public final class WindowAggregation {
    private final AggregationOptions options;
    private final PricingTable pricing;
    private final Map<GroupKey, WindowAccumulator> groups = new HashMap<>();
    private boolean signalsJoined;

    public WindowAggregation(AggregationOptions options, PricingTable pricing) {
        this.options = options;
        this.pricing = pricing;
    }

    public AggregationOptions options() {
        return options;
    }

    /** Adds a record without user signals. */
    public void accept(RequestRecord r) {
        add(r, 0);
    }

    /** Adds a record and the signals that refer to it. */
    public void add(RequestRecord r, SignalIndex signals) {
        signalsJoined |= !signals.isEmpty();
        add(r, signals.isEmpty() ? 0 : signals.claim(r.requestId()));
    }

    private void add(RequestRecord r, int signalMask) {
        long start = options.window().startMillis(r.timestamp());
        Double cost = pricing.costOf(r);
        String operation = r.metadata().get(GroupKey.OPERATION_SLICE);
        if (operation != null && GroupKey.isSeparateOperation(operation)) {
            // embeddings have no output tokens and other latencies: they would distort the feature's chat metrics,
            // so they are rows of their own, in the operation slice, and not in the unsliced rows
            accumulator(new GroupKey(start, r.featureId(), r.modelId(), GroupKey.OPERATION_SLICE, operation))
                    .add(r, cost, signalMask);
        } else {
            accumulator(new GroupKey(start, r.featureId(), r.modelId(), null, null)).add(r, cost, signalMask);
        }
        for (String slice : options.slices()) {
            String value = r.metadata().getOrDefault(slice, GroupKey.MISSING_SLICE);
            if (slice.equals(GroupKey.OPERATION_SLICE) && operation != null && GroupKey.isSeparateOperation(operation)) {
                continue; // already added above
            }
            accumulator(new GroupKey(start, r.featureId(), r.modelId(), slice, value)).add(r, cost, signalMask);
        }
    }

    private WindowAccumulator accumulator(GroupKey key) {
        WindowAccumulator acc = groups.get(key);
        if (acc == null) {
            acc = newAccumulator();
            groups.put(key, acc);
        }
        return acc;
    }

    private WindowAccumulator newAccumulator() {
        return new WindowAccumulator(options.sketch()
                ? LatencyDigest.sketch(options.relativeAccuracy())
                : LatencyDigest.exact());
    }

    /** Adds another partial aggregation (made with the same options) into this one. */
    public void merge(WindowAggregation other) {
        if (!other.options.equals(options)) {
            throw new IllegalArgumentException("cannot merge aggregations made with different options");
        }
        signalsJoined |= other.signalsJoined;
        other.groups.forEach((key, acc) -> accumulator(key).merge(acc));
    }

    /** Number of groups held, which bounds memory in sketch mode. */
    public int groupCount() {
        return groups.size();
    }

    /**
     * All rows in time order: per window and feature, each model, then the feature's roll-up over its models
     * ({@link GroupKey#ALL_MODELS}); sliced rows after unsliced ones.
     */
    public List<WindowMetrics> metrics() {
        Map<GroupKey, WindowAccumulator> all = new HashMap<>(groups);
        for (Map.Entry<GroupKey, WindowAccumulator> e : groups.entrySet()) {
            all.computeIfAbsent(e.getKey().rollup(), k -> newAccumulator()).merge(e.getValue());
        }
        List<GroupKey> keys = new ArrayList<>(all.keySet());
        keys.sort(GroupKey.ORDER);
        List<WindowMetrics> out = new ArrayList<>(keys.size());
        long size = options.window().duration().toMillis();
        for (GroupKey key : keys) {
            out.add(toMetrics(key, all.get(key), size));
        }
        return out;
    }

    private WindowMetrics toMetrics(GroupKey key, WindowAccumulator a, long sizeMillis) {
        double n = a.requests;
        WindowMetrics.UserSignalMetrics signals = null;
        if (signalsJoined) {
            long explicit = a.withThumbsUp + a.withThumbsDown;
            double positive = explicit == 0 ? Double.NaN : a.withThumbsUp / (double) explicit;
            double abandonment = a.abandoned / n;
            signals = new WindowMetrics.UserSignalMetrics(explicit, positive, explicit / n,
                    a.withCorrection / n, a.withFollowUp / n, a.withRetry / n, abandonment,
                    explicit > 0 && options.survivorship().fires(abandonment, positive));
        }
        double costTotal = a.costNanoUsd.doubleValue() / 1e9;
        double tokensKnown = a.requests - a.tokensUnknown; // means over known usage: no made-up zeros
        return new WindowMetrics(key,
                Instant.ofEpochMilli(key.windowStartMillis()),
                Instant.ofEpochMilli(key.windowStartMillis() + sizeMillis),
                a.requests, a.errors, a.refusals,
                a.errors / n, a.refusals / n,
                a.latencies.percentile(50), a.latencies.percentile(95), a.latencies.percentile(99),
                costTotal,
                a.costKnown == 0 ? Double.NaN : costTotal / a.costKnown,
                a.costUnknown,
                a.inputTokens.doubleValue() / tokensKnown, a.outputTokens.doubleValue() / tokensKnown,
                signals,
                new WindowMetrics.TokenDetail(a.tokensUnknown, a.cachedInputTokens.doubleValue(), a.cachedInputKnown,
                        a.reasoningTokens.doubleValue(), a.reasoningKnown));
    }
}
