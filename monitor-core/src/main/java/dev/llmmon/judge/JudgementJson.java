package dev.llmmon.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.internal.json.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSONL line form of a {@link Judgement} (shared/formats/logs.md §5, snake_case, nulls written). */
final class JudgementJson {

    private JudgementJson() {
    }

    static String write(Judgement j) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("request_id", j.requestId());
        n.put("feature_id", j.featureId());
        n.put("model_id", j.modelId());
        n.put("status", j.status().wireName());
        if (j.qualityScore() == null) {
            n.putNull("quality_score");
        } else {
            n.put("quality_score", j.qualityScore());
        }
        ObjectNode dims = n.putObject("dimensions");
        j.dimensions().forEach(dims::put);
        n.put("flagged", j.flagged());
        n.put("flag_reason", j.flagReason());
        n.put("judge_model", j.judgeModel());
        n.put("rubric_version", j.rubricVersion());
        n.put("judged_at", j.judgedAt().toString());
        n.put("rationale", j.rationale());
        n.put("request_timestamp", j.requestTimestamp() == null ? null : j.requestTimestamp().toString());
        n.put("judge_input_tokens", j.judgeInputTokens());
        n.put("judge_output_tokens", j.judgeOutputTokens());
        if (j.judgeCostUsd() == null) {
            n.putNull("judge_cost_usd");
        } else {
            n.put("judge_cost_usd", j.judgeCostUsd());
        }
        n.put("error", j.error());
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@code line} is the start of a judgement line cut off mid-write (a killed run): it opens as every line
     * {@link #write} writes, and its JSON ends early. Any other unreadable line is foreign to a store.
     */
    static boolean isTorn(String line) {
        if (!line.startsWith("{\"request_id\":")) {
            return false;
        }
        try {
            Json.MAPPER.readTree(line);
            return false;
        } catch (JsonProcessingException e) {
            // Jackson reports a cut in a value as JsonEOFException, a cut between entries as a parse error
            return e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
        }
    }

    /** Parses one line; {@link IllegalArgumentException} names the field that is wrong. */
    static Judgement read(String line) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("line is not a JSON object");
        }
        Map<String, Integer> dims = new LinkedHashMap<>();
        JsonNode d = n.path("dimensions");
        if (d.isObject()) {
            d.fields().forEachRemaining(e -> {
                if (!e.getValue().isIntegralNumber() || e.getValue().intValue() < 1 || e.getValue().intValue() > 5) {
                    throw new IllegalArgumentException("dimensions." + e.getKey() + " must be an integer 1-5");
                }
                dims.put(e.getKey(), e.getValue().intValue());
            });
        }
        return new Judgement(required(n, "request_id"), text(n, "feature_id"), text(n, "model_id"),
                JudgementStatus.parse(required(n, "status")),
                n.path("quality_score").isNumber() ? n.path("quality_score").asDouble() : null,
                dims, n.path("flagged").asBoolean(false), text(n, "flag_reason"),
                required(n, "judge_model"), required(n, "rubric_version"), instant(n, "judged_at", true),
                text(n, "rationale"), instant(n, "request_timestamp", false),
                n.path("judge_input_tokens").asLong(0), n.path("judge_output_tokens").asLong(0),
                n.path("judge_cost_usd").isNumber() ? n.path("judge_cost_usd").asDouble() : null, text(n, "error"));
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("required field " + field + " is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Instant instant(JsonNode n, String field, boolean required) {
        String v = required ? required(n, field) : text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: '" + v + "'");
        }
    }
}
