package dev.llmmon.evals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.internal.AtomicFiles;
import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes eval cases as YAML for people (one case per {@code .eval.yaml} file, fields in the schema's order, long text
 * as {@code |} blocks) or as one JSON line. What it writes, {@link EvalCaseReader} reads back to the same case (line numbers aside).
 */
public final class EvalCaseWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EvalCaseWriter() {
    }

    /** The case as a YAML document. */
    public static String yaml(EvalCase c) {
        try {
            return Json.YAML_FOR_PEOPLE.writeValueAsString(node(c));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case as one JSON line (no newline), for {@code .eval.jsonl}. */
    public static String jsonLine(EvalCase c) {
        try {
            return Json.MAPPER.writeValueAsString(node(c));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #yaml} to {@code file} atomically (temporary file, then {@code ATOMIC_MOVE}). */
    public static void write(Path file, EvalCase c) throws IOException {
        AtomicFiles.write(file, yaml(c).getBytes(StandardCharsets.UTF_8));
    }

    /** The case as the schema's object. */
    public static ObjectNode node(EvalCase c) {
        ObjectNode n = NODES.objectNode();
        n.put("id", c.id());
        n.put("feature_id", c.featureId());
        putText(n, "description", c.description());
        if (!c.tags().isEmpty()) {
            ArrayNode tags = n.putArray("tags");
            c.tags().forEach(tags::add);
        }
        putText(n, "cluster", c.cluster());
        putText(n, "severity", c.severity());
        putText(n, "system", c.system());
        n.put("input", c.input());
        putText(n, "bad_output", c.badOutput());
        if (c.repeat() != 1) {
            n.put("repeat", c.repeat());
        }
        if (c.minPassRate() != 1.0) {
            n.put("min_pass_rate", c.minPassRate());
        }
        ArrayNode checks = n.putArray("checks");
        c.checks().forEach(k -> checks.add(k.config()));
        if (c.provenance() != null) {
            n.set("provenance", source(c.provenance()));
        }
        if (!c.duplicates().isEmpty()) {
            ArrayNode d = n.putArray("duplicates");
            c.duplicates().forEach(p -> d.add(source(p)));
        }
        return n;
    }

    private static ObjectNode source(Provenance p) {
        ObjectNode n = NODES.objectNode();
        n.put("request_id", p.requestId());
        putText(n, "model_id", p.modelId());
        putTime(n, "requested_at", p.requestedAt());
        putText(n, "flag_reason", p.flagReason());
        if (p.qualityScore() != null) {
            n.put("quality_score", p.qualityScore());
        }
        if (!p.dimensions().isEmpty()) {
            ObjectNode d = n.putObject("dimensions");
            p.dimensions().forEach(d::put);
        }
        putTime(n, "judged_at", p.judgedAt());
        putText(n, "judge_model", p.judgeModel());
        putText(n, "rubric_version", p.rubricVersion());
        return n;
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putTime(ObjectNode n, String field, Instant value) {
        if (value != null) {
            n.put(field, value.toString());
        }
    }
}
