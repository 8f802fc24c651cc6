package dev.llmmon.triage.internal;

import dev.llmmon.judge.Judgement;
import dev.llmmon.record.SignalType;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What a bad outcome is for a metric, so that every metric becomes a rate: a unit (a request, a judged request, a
 * rated request) is bad or not. Rates are their own event (an error, a refusal, a flag, a signal); a numeric metric
 * (latency, tokens, cost) is "above the feature's reference p95".
 */
public final class Outcome {
    /** The metric names triage understands, for error messages and docs. */
    public static final List<String> METRICS = List.of("error_rate", "refusal_rate", "latency_p50_ms",
            "latency_p95_ms", "latency_p99_ms", "cost_per_request_usd", "mean_output_tokens",
            "output_tokens_per_request", "output_tokens", "mean_input_tokens", "input_tokens", "quality_mean", "quality_score",
            "quality_flagged_rate", "correction_rate", "abandonment_rate", "follow_up_rate", "retry_rate",
            "explicit_positive_rate");

    enum Kind { EVENT, NUMERIC, JUDGE, SIGNAL, RATING }

    private final String metric;
    private final Kind kind;
    private final String description;
    private final ToDoubleFunction<Row> numeric;
    private final SignalType signal;
    private Map<String, Double> thresholds = Map.of();
    private Map<String, Judgement> judged = Map.of();
    private Map<String, Set<SignalType>> signals = Map.of();

    private Outcome(String metric, Kind kind, String description, ToDoubleFunction<Row> numeric, SignalType signal) {
        this.metric = metric;
        this.kind = kind;
        this.description = description;
        this.numeric = numeric;
        this.signal = signal;
    }

    public static Outcome of(String metric) {
        String m = metric.strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "error_rate" -> new Outcome(m, Kind.EVENT, "requests that failed (an error or finish_reason error)",
                    null, null);
            case "refusal_rate" -> new Outcome(m, Kind.EVENT, "requests the model refused", null, null);
            case "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "latency" -> new Outcome(m, Kind.NUMERIC,
                    "requests slower than their feature's reference p95 latency",
                    r -> r.latencyMeasured() ? r.latencyMs() : Double.NaN, null);
            case "cost_per_request_usd", "cost" -> new Outcome(m, Kind.NUMERIC,
                    "requests (with a logged cost) costing more than their feature's reference p95",
                    r -> r.costUsd() == null ? Double.NaN : r.costUsd(), null);
            case "mean_output_tokens", "output_tokens_per_request", "output_tokens" -> new Outcome(m, Kind.NUMERIC,
                    "requests with more output tokens than their feature's reference p95", r -> r.outputTokens(), null);
            case "mean_input_tokens", "input_tokens" -> new Outcome(m, Kind.NUMERIC,
                    "requests with more input tokens than their feature's reference p95", r -> r.inputTokens(), null);
            case "quality_mean", "quality_flagged_rate", "quality_score" -> new Outcome(m, Kind.JUDGE,
                    "judged requests the judge flagged", null, null);
            case "correction_rate" -> new Outcome(m, Kind.SIGNAL, "requests the user corrected", null,
                    SignalType.CORRECTION);
            case "abandonment_rate" -> new Outcome(m, Kind.SIGNAL, "requests after which the user abandoned", null,
                    SignalType.ABANDONED);
            case "follow_up_rate" -> new Outcome(m, Kind.SIGNAL, "requests the user followed up", null,
                    SignalType.FOLLOW_UP);
            case "retry_rate" -> new Outcome(m, Kind.SIGNAL, "requests the user retried", null, SignalType.RETRY);
            case "explicit_positive_rate", "thumbs_down" -> new Outcome(m, Kind.RATING,
                    "rated requests rated thumbs-down", null, null);
            default -> throw new IllegalArgumentException("triage cannot turn metric '" + metric + "' into a rate of"
                    + " bad outcomes; pass one of " + String.join(", ", METRICS) + " (llmmon.triage.metric)");
        };
    }

    public String metric() {
        return metric;
    }

    public String description() {
        return description;
    }

    public boolean needsJudgements() {
        return kind == Kind.JUDGE;
    }

    public boolean needsSignals() {
        return kind == Kind.SIGNAL || kind == Kind.RATING;
    }

    public boolean numeric() {
        return kind == Kind.NUMERIC;
    }

    /** The numeric value of a row, NaN when it has none (an unmeasured latency, an unlogged cost). */
    public double value(Row r) {
        return numeric.applyAsDouble(r);
    }

    /** Per feature, the value above which a request is bad (numeric metrics). */
    public void thresholds(Map<String, Double> byFeature) {
        this.thresholds = Map.copyOf(byFeature);
    }

    public Map<String, Double> thresholds() {
        return thresholds;
    }

    public void judgements(Map<String, Judgement> byRequest) {
        this.judged = byRequest;
    }

    public void signals(Map<String, Set<SignalType>> byRequest) {
        this.signals = byRequest;
    }

    /** Whether the row is bad; {@code null} when it is no unit of this metric (not judged, not rated, no value). */
    public Boolean bad(Row r) {
        return switch (kind) {
            case EVENT -> "error_rate".equals(metric) ? r.error() : r.refusal();
            case NUMERIC -> {
                double v = value(r);
                Double limit = thresholds.get(r.feature());
                yield Double.isNaN(v) || limit == null || r.error() ? null : v > limit;
            }
            case JUDGE -> {
                Judgement j = judged.get(r.requestId());
                yield j == null ? null : j.flagged();
            }
            case SIGNAL -> signals.getOrDefault(r.requestId(), Set.of()).contains(signal);
            case RATING -> {
                Set<SignalType> s = signals.getOrDefault(r.requestId(), Set.of());
                yield s.contains(SignalType.THUMBS_DOWN) ? Boolean.TRUE
                        : s.contains(SignalType.THUMBS_UP) ? Boolean.FALSE : null;
            }
        };
    }

    /** Why a row is bad, for the bundle: {@code error}, {@code latency 8123 ms > reference p95 6000 ms}, ... */
    public String why(Row r) {
        return switch (kind) {
            case EVENT -> "error_rate".equals(metric) ? "error" : "refusal";
            case NUMERIC -> String.format(Locale.ROOT, "%s %.0f > reference p95 %.0f", metric, value(r),
                    thresholds.get(r.feature()));
            case JUDGE -> {
                Judgement j = judged.get(r.requestId());
                yield "flagged" + (j.flagReason() == null ? "" : ": " + j.flagReason());
            }
            case SIGNAL -> signal.wireName();
            case RATING -> "thumbs_down";
        };
    }
}
