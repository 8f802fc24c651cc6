package dev.llmmon.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.ingest.Rejection;
import dev.llmmon.ingest.Rejections;
import dev.llmmon.metrics.WindowMetrics;
import dev.llmmon.monitor.MonitorResult;
import dev.llmmon.monitor.Thresholds;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The complete, machine-readable report. Unknown values (no data, unknown cost) are {@code null}, never 0. */
public final class JsonReport {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(MonitorResult result, List<Thresholds.Violation> violations, Writer out)
            throws IOException {
        MAPPER.writeValue(out, toJson(result, violations));
    }

    public static ObjectNode toJson(MonitorResult result, List<Thresholds.Violation> violations) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("llmmon_version", Version.get());
        root.put("generated_at", Instant.now().toString());

        ObjectNode config = root.putObject("config");
        config.put("window", result.aggregation().window().toString());
        ArrayNode slices = config.putArray("slices");
        result.aggregation().slices().forEach(slices::add);
        config.put("latency_mode", result.aggregation().sketch() ? "sketch" : "exact");
        if (result.aggregation().sketch()) {
            config.put("sketch_relative_accuracy", result.aggregation().relativeAccuracy());
        }
        config.put("percentile_rule", result.aggregation().sketch()
                ? "DDSketch quantile, within the relative accuracy"
                : "nearest rank: sorted[min(n-1, floor(n*p/100))]");

        ObjectNode input = root.putObject("input");
        ArrayNode files = input.putArray("files");
        result.ingest().files().forEach(f -> files.add(f.toString()));
        input.put("bytes_on_disk", result.ingest().bytesOnDisk());
        input.put("bytes_read", result.ingest().bytesRead());
        input.put("lines", result.ingest().lines());
        input.put("records", result.ingest().records());
        input.put("duplicates", result.ingest().duplicates());
        rejections(input.putObject("rejected"), result.rejections());
        ObjectNode signals = input.putObject("signals");
        ArrayNode signalFiles = signals.putArray("files");
        result.signalFiles().forEach(f -> signalFiles.add(f.toString()));
        signals.put("accepted", result.signals());
        signals.put("orphaned", result.orphanSignals());
        rejections(signals.putObject("rejected"), result.signalRejections());
        input.put("elapsed_ms", result.elapsed().toMillis());

        ObjectNode pricing = root.putObject("pricing");
        pricing.put("source", result.pricingSource());
        ArrayNode unpriced = pricing.putArray("unpriced_models");
        result.unpricedModels().forEach(unpriced::add);

        ArrayNode v = root.putArray("violations");
        for (Thresholds.Violation violation : violations) {
            ObjectNode n = v.addObject();
            n.put("feature_id", violation.featureId());
            n.put("model_id", violation.modelId());
            n.put("window_start", violation.windowStart().toString());
            n.put("metric", violation.metric().id());
            number(n, "value", violation.value());
            n.put("limit", violation.limit());
            n.put("requests", violation.requests());
        }

        if (result.quality() != null) {
            root.set("quality", QualityReport.points(result.quality()));
        }

        ArrayNode windows = root.putArray("windows");
        for (WindowMetrics w : result.windows()) {
            windows.add(window(w));
        }
        return root;
    }

    static ObjectNode window(WindowMetrics w) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("window_start", w.windowStart().toString());
        n.put("window_end", w.windowEnd().toString());
        n.put("feature_id", w.featureId());
        n.put("model_id", w.modelId());
        if (w.key().isSliced()) {
            n.put("slice_key", w.key().sliceKey());
            n.put("slice_value", w.key().sliceValue());
        }
        n.put("requests", w.requests());
        n.put("errors", w.errors());
        n.put("refusals", w.refusals());
        number(n, "error_rate", w.errorRate());
        number(n, "refusal_rate", w.refusalRate());
        number(n, "latency_p50_ms", w.latencyP50Ms());
        number(n, "latency_p95_ms", w.latencyP95Ms());
        number(n, "latency_p99_ms", w.latencyP99Ms());
        number(n, "cost_total_usd", w.costTotalUsd());
        number(n, "cost_per_request_usd", w.costPerRequestUsd());
        n.put("cost_unknown_requests", w.costUnknownRequests());
        number(n, "mean_input_tokens", w.meanInputTokens());
        number(n, "mean_output_tokens", w.meanOutputTokens());
        if (w.signals() != null) {
            ObjectNode s = n.putObject("user_signals");
            s.put("explicit_feedback", w.signals().explicitFeedback());
            number(s, "explicit_positive_rate", w.signals().explicitPositiveRate());
            number(s, "feedback_coverage", w.signals().feedbackCoverage());
            number(s, "correction_rate", w.signals().correctionRate());
            number(s, "follow_up_rate", w.signals().followUpRate());
            number(s, "retry_rate", w.signals().retryRate());
            number(s, "abandonment_rate", w.signals().abandonmentRate());
            s.put("survivorship_risk", w.signals().survivorshipRisk());
        }
        return n;
    }

    private static void rejections(ObjectNode node, Rejections rejections) {
        node.put("total", rejections.total());
        ObjectNode byReason = node.putObject("by_reason");
        rejections.counts().forEach((reason, count) -> byReason.put(reason.name().toLowerCase(), count));
        ArrayNode examples = node.putArray("examples");
        for (Rejection r : rejections.examples()) {
            ObjectNode e = examples.addObject();
            e.put("reason", r.reason().name().toLowerCase());
            e.put("file", r.file());
            e.put("line", r.line());
            e.put("field", r.field());
            e.put("message", r.message());
        }
    }

    static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /** Writes {@code report.json} into a folder. */
    public static Path writeTo(Path dir, MonitorResult result, List<Thresholds.Violation> violations)
            throws IOException {
        Path file = dir.resolve(ReportFormat.JSON.fileName());
        try (Writer w = java.nio.file.Files.newBufferedWriter(file)) {
            write(result, violations, w);
        }
        return file;
    }
}
