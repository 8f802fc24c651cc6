package dev.llmmon.report.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmmon.judge.JudgeDocument;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code report.json}, format version 1 (the file carries no version field; adding one would change
 * it). Field names and their order are fixed here, not by the names of the code's records, so renaming code does not
 * change the file. Unknown values (no data, unknown cost) are {@code null}, never 0; optional parts (the sketch's
 * accuracy, slice keys, user signals, judge quality) are left out when they do not apply.
 */
@JsonPropertyOrder({"llmmon_version", "generated_at", "config", "input", "pricing", "violations", "quality", "windows"})
public record ReportDocument(
        @JsonProperty("llmmon_version") String llmmonVersion,
        @JsonProperty("generated_at") String generatedAt,
        @JsonProperty("config") Config config,
        @JsonProperty("input") Input input,
        @JsonProperty("pricing") Pricing pricing,
        @JsonProperty("violations") List<Violation> violations,
        @JsonProperty("quality") @JsonInclude(JsonInclude.Include.NON_NULL) List<JudgeDocument.Point> quality,
        @JsonProperty("windows") List<Window> windows) {

    /** The one mapping from a monitor run to the document. */
    public static ReportDocument of(MonitorResult result, List<Thresholds.Violation> violations, String version,
                                    Instant generatedAt) {
        return new ReportDocument(version, generatedAt.toString(), Config.of(result), Input.of(result),
                new Pricing(result.pricingSource(), List.copyOf(result.unpricedModels())),
                violations.stream().map(Violation::of).toList(),
                result.quality() == null ? null : JudgeDocument.points(result.quality()),
                result.windows().stream().map(Window::of).toList());
    }

    /** How the windows were computed. */
    @JsonPropertyOrder({"window", "slices", "latency_mode", "sketch_relative_accuracy", "percentile_rule"})
    public record Config(
            @JsonProperty("window") String window,
            @JsonProperty("slices") List<String> slices,
            @JsonProperty("latency_mode") String latencyMode,
            @JsonProperty("sketch_relative_accuracy") @JsonInclude(JsonInclude.Include.NON_NULL)
            Double sketchRelativeAccuracy,
            @JsonProperty("percentile_rule") String percentileRule) {

        static Config of(MonitorResult result) {
            var aggregation = result.aggregation();
            boolean sketch = aggregation.sketch();
            return new Config(aggregation.window().toString(), List.copyOf(aggregation.slices()),
                    sketch ? "sketch" : "exact", sketch ? aggregation.relativeAccuracy() : null,
                    sketch ? "DDSketch quantile, within the relative accuracy"
                            : "nearest rank: sorted[min(n-1, floor(n*p/100))]");
        }
    }

    /** What was read, what was rejected and why. */
    @JsonPropertyOrder({"files", "bytes_on_disk", "bytes_read", "lines", "blank_lines", "spans_given",
            "spans_in_rejected_lines", "records", "duplicates", "rejected", "skipped", "signals", "elapsed_ms"})
    public record Input(
            @JsonProperty("files") List<String> files,
            @JsonProperty("bytes_on_disk") long bytesOnDisk,
            @JsonProperty("bytes_read") long bytesRead,
            @JsonProperty("lines") long lines,
            @JsonProperty("blank_lines") long blankLines,
            // OTLP only (left out otherwise): spans held by the input, those in lines rejected whole among them
            @JsonProperty("spans_given") @JsonInclude(JsonInclude.Include.NON_NULL) Long spansGiven,
            @JsonProperty("spans_in_rejected_lines") @JsonInclude(JsonInclude.Include.NON_NULL) Long spansInRejectedLines,
            @JsonProperty("records") long records,
            @JsonProperty("duplicates") long duplicates,
            @JsonProperty("rejected") Rejected rejected,
            @JsonProperty("skipped") Map<String, Long> skipped,
            @JsonProperty("signals") Signals signals,
            @JsonProperty("elapsed_ms") long elapsedMs) {

        static Input of(MonitorResult result) {
            var ingest = result.ingest();
            return new Input(ingest.files().stream().map(Object::toString).toList(), ingest.bytesOnDisk(),
                    ingest.bytesRead(), ingest.lines(), result.rejections().blankLines(),
                    result.rejections().spansGiven() == 0 ? null : result.rejections().spansGiven(),
                    result.rejections().spansGiven() == 0 ? null : result.rejections().spansInRejectedLines(),
                    ingest.records(),
                    ingest.duplicates(), Rejected.of(result.rejections()), result.rejections().skipped(),
                    new Signals(result.signalFiles().stream().map(Object::toString).toList(), result.signals(),
                            result.orphanSignals(), Rejected.of(result.signalRejections())),
                    result.elapsed().toMillis());
        }
    }

    /** The user-signal files and how their lines fared. */
    @JsonPropertyOrder({"files", "accepted", "orphaned", "rejected"})
    public record Signals(
            @JsonProperty("files") List<String> files,
            @JsonProperty("accepted") long accepted,
            @JsonProperty("orphaned") long orphaned,
            @JsonProperty("rejected") Rejected rejected) {
    }

    /** Rejected lines: the total, counts by reason (lower case) and the first examples. */
    @JsonPropertyOrder({"total", "by_reason", "examples"})
    public record Rejected(
            @JsonProperty("total") long total,
            @JsonProperty("by_reason") Map<String, Long> byReason,
            @JsonProperty("examples") List<Example> examples) {

        static Rejected of(Rejections rejections) {
            Map<String, Long> byReason = new LinkedHashMap<>();
            rejections.counts().forEach((reason, count) -> byReason.put(reason.name().toLowerCase(), count));
            return new Rejected(rejections.total(), Collections.unmodifiableMap(byReason),
                    rejections.examples().stream().map(Example::of).toList());
        }
    }

    /** One rejected line. */
    @JsonPropertyOrder({"reason", "file", "line", "field", "message"})
    public record Example(
            @JsonProperty("reason") String reason,
            @JsonProperty("file") String file,
            @JsonProperty("line") long line,
            @JsonProperty("field") String field,
            @JsonProperty("message") String message) {

        static Example of(Rejection r) {
            return new Example(r.reason().name().toLowerCase(), r.file(), r.line(), r.field(), r.message());
        }
    }

    /** Where the prices came from, and the models without one. */
    @JsonPropertyOrder({"source", "unpriced_models"})
    public record Pricing(
            @JsonProperty("source") String source,
            @JsonProperty("unpriced_models") List<String> unpricedModels) {

        public Pricing {
            unpricedModels = List.copyOf(unpricedModels);
        }
    }

    /** One static-threshold violation. */
    @JsonPropertyOrder({"feature_id", "model_id", "window_start", "metric", "value", "limit", "requests"})
    public record Violation(
            @JsonProperty("feature_id") String featureId,
            @JsonProperty("model_id") String modelId,
            @JsonProperty("window_start") String windowStart,
            @JsonProperty("metric") String metric,
            @JsonProperty("value") Double value,
            @JsonProperty("limit") BigDecimal limit,
            @JsonProperty("requests") long requests) {

        static Violation of(Thresholds.Violation v) {
            return new Violation(v.featureId(), v.modelId(), v.windowStart().toString(), v.metric().id(),
                    finite(v.value()), v.limit(), v.requests());
        }
    }

    /** One window × feature × model (× slice) row. */
    @JsonPropertyOrder({"window_start", "window_end", "feature_id", "model_id", "slice_key", "slice_value", "requests",
            "errors", "refusals", "error_rate", "refusal_rate", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms",
            "cost_total_usd", "cost_per_request_usd", "cost_unknown_requests", "mean_input_tokens",
            "mean_output_tokens", "tokens_unknown_requests", "cached_input_tokens_total", "mean_cached_input_tokens",
            "reasoning_tokens_total", "mean_reasoning_tokens", "user_signals"})
    public record Window(
            @JsonProperty("window_start") String windowStart,
            @JsonProperty("window_end") String windowEnd,
            @JsonProperty("feature_id") String featureId,
            @JsonProperty("model_id") String modelId,
            @JsonProperty("slice_key") @JsonInclude(JsonInclude.Include.NON_NULL) String sliceKey,
            @JsonProperty("slice_value") @JsonInclude(JsonInclude.Include.NON_NULL) String sliceValue, // never null when sliced
            @JsonProperty("requests") long requests,
            @JsonProperty("errors") long errors,
            @JsonProperty("refusals") long refusals,
            @JsonProperty("error_rate") Double errorRate,
            @JsonProperty("refusal_rate") Double refusalRate,
            @JsonProperty("latency_p50_ms") Double latencyP50Ms,
            @JsonProperty("latency_p95_ms") Double latencyP95Ms,
            @JsonProperty("latency_p99_ms") Double latencyP99Ms,
            @JsonProperty("cost_total_usd") Double costTotalUsd,
            @JsonProperty("cost_per_request_usd") Double costPerRequestUsd,
            @JsonProperty("cost_unknown_requests") long costUnknownRequests,
            @JsonProperty("mean_input_tokens") Double meanInputTokens,
            @JsonProperty("mean_output_tokens") Double meanOutputTokens,
            // written only when there is something to say, so logs without usage details read as before
            @JsonProperty("tokens_unknown_requests") @JsonInclude(JsonInclude.Include.NON_NULL) Long tokensUnknownRequests,
            @JsonProperty("cached_input_tokens_total") @JsonInclude(JsonInclude.Include.NON_NULL) Double cachedInputTokensTotal,
            @JsonProperty("mean_cached_input_tokens") @JsonInclude(JsonInclude.Include.NON_NULL) Double meanCachedInputTokens,
            @JsonProperty("reasoning_tokens_total") @JsonInclude(JsonInclude.Include.NON_NULL) Double reasoningTokensTotal,
            @JsonProperty("mean_reasoning_tokens") @JsonInclude(JsonInclude.Include.NON_NULL) Double meanReasoningTokens,
            @JsonProperty("user_signals") @JsonInclude(JsonInclude.Include.NON_NULL) UserSignals userSignals) {

        static Window of(WindowMetrics w) {
            return new Window(w.windowStart().toString(), w.windowEnd().toString(), w.featureId(), w.modelId(),
                    w.key().sliceKey(), w.key().isSliced() ? w.key().sliceValue() : null, w.requests(), w.errors(),
                    w.refusals(), finite(w.errorRate()), finite(w.refusalRate()), finite(w.latencyP50Ms()),
                    finite(w.latencyP95Ms()), finite(w.latencyP99Ms()), finite(w.costTotalUsd()),
                    finite(w.costPerRequestUsd()), w.costUnknownRequests(), finite(w.meanInputTokens()),
                    finite(w.meanOutputTokens()),
                    w.tokens().tokensUnknownRequests() == 0 ? null : w.tokens().tokensUnknownRequests(),
                    w.tokens().cachedInputTokensRequests() == 0 ? null : w.tokens().cachedInputTokensTotal(),
                    finite(w.tokens().meanCachedInputTokens()),
                    w.tokens().reasoningTokensRequests() == 0 ? null : w.tokens().reasoningTokensTotal(),
                    finite(w.tokens().meanReasoningTokens()),
                    w.signals() == null ? null : UserSignals.of(w.signals()));
        }
    }

    /** What users did with the answers of one window. */
    @JsonPropertyOrder({"explicit_feedback", "explicit_positive_rate", "feedback_coverage", "correction_rate",
            "follow_up_rate", "retry_rate", "abandonment_rate", "survivorship_risk"})
    public record UserSignals(
            @JsonProperty("explicit_feedback") long explicitFeedback,
            @JsonProperty("explicit_positive_rate") Double explicitPositiveRate,
            @JsonProperty("feedback_coverage") Double feedbackCoverage,
            @JsonProperty("correction_rate") Double correctionRate,
            @JsonProperty("follow_up_rate") Double followUpRate,
            @JsonProperty("retry_rate") Double retryRate,
            @JsonProperty("abandonment_rate") Double abandonmentRate,
            @JsonProperty("survivorship_risk") boolean survivorshipRisk) {

        static UserSignals of(WindowMetrics.UserSignalMetrics s) {
            return new UserSignals(s.explicitFeedback(), finite(s.explicitPositiveRate()),
                    finite(s.feedbackCoverage()), finite(s.correctionRate()), finite(s.followUpRate()),
                    finite(s.retryRate()), finite(s.abandonmentRate()), s.survivorshipRisk());
        }
    }

    /** A number as written: NaN and infinities (no data) become {@code null}. */
    static Double finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
