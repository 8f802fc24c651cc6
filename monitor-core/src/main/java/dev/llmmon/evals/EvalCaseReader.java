package dev.llmmon.evals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.llmmon.internal.json.SchemaDocuments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads eval-case files: YAML ({@code *.eval.yaml}, {@code *.eval.yml}: one case, or {@code cases: [...]}), JSON
 * ({@code *.eval.json}) and JSON Lines ({@code *.eval.jsonl}, one case per line). Each file is validated against
 * {@link #SCHEMA_RESOURCE} (networknt json-schema-validator, as the probes' reader does, with line numbers from its
 * location-aware reader) before anything else; then ids must be unique in the file and a {@code reference:
 * bad_output} needs a {@code bad_output}. A bad file is one {@link EvalCaseException} naming file, line and field.
 */
public final class EvalCaseReader {
    /** The published schema, a classpath resource of llmmon-core. */
    public static final String SCHEMA_RESOURCE = "dev/llmmon/evals/eval-case.schema.json";
    /** Endings of eval-case files (checked before a probe file's {@code .yaml}, which they also end with). */
    public static final List<String> EXTENSIONS = List.of(".eval.yaml", ".eval.yml", ".eval.json", ".eval.jsonl");

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE));

    private EvalCaseReader() {
    }

    /** Whether {@code name} (a path or resource name) is an eval-case file. */
    public static boolean isEvalCaseFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    public static EvalCaseFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new EvalCaseException(file.toString(), 0, e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : "cannot read: " + e.getMessage());
        }
    }

    /** Reads {@code in}; {@code name} (its ending picks the format) appears in errors. */
    public static EvalCaseFile read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readAllBytes();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl")) {
            return readLines(new String(bytes, StandardCharsets.UTF_8), name);
        }
        InputFormat format = lower.endsWith(".json") ? InputFormat.JSON : InputFormat.YAML;
        JsonNode root = parse(bytes, format, name, 0);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new EvalCaseException(name, 1, "the file is empty");
        }
        validate(root, name, 0);
        boolean suite = root.has("cases");
        Set<String> fileTags = strings(suite ? root.get("tags") : null);
        List<EvalCase> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode c : suite ? root.get("cases") : List.of(root)) {
            EvalCase built = build(c, fileTags, name, 0);
            Integer before = seen.putIfAbsent(built.id(), built.line());
            if (before != null) {
                throw new EvalCaseException(name, built.line(), "id: eval case " + built.id()
                        + " appears twice in the file (first at line " + before + ")");
            }
            cases.add(built);
        }
        return new EvalCaseFile(name, suite ? text(root, "description") : null, fileTags, cases);
    }

    private static EvalCaseFile readLines(String text, String name) {
        List<EvalCase> cases = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node = parse(lines[i].getBytes(StandardCharsets.UTF_8), InputFormat.JSON, name, i);
            if (node.has("cases")) {
                throw new EvalCaseException(name, i + 1, "a .jsonl file holds one eval case per line, not a list of cases");
            }
            validate(node, name, i);
            EvalCase c = build(node, Set.of(), name, i);
            Integer before = seen.putIfAbsent(c.id(), i + 1);
            if (before != null) {
                throw new EvalCaseException(name, i + 1, "id: eval case " + c.id()
                        + " appears twice in the file (first at line " + before + ")");
            }
            cases.add(c);
        }
        if (cases.isEmpty()) {
            throw new EvalCaseException(name, 1, "the file holds no eval cases");
        }
        return new EvalCaseFile(name, null, Set.of(), cases);
    }

    private static JsonNode parse(byte[] bytes, InputFormat format, String name, int lineOffset) {
        try {
            return SchemaDocuments.parse(bytes, format, lineOffset);
        } catch (SchemaDocuments.Problem p) {
            throw new EvalCaseException(name, p.line(), p.problems());
        }
    }

    private static void validate(JsonNode root, String name, int lineOffset) {
        try {
            SchemaDocuments.validate(SCHEMA, root, lineOffset);
        } catch (SchemaDocuments.Problem p) {
            throw new EvalCaseException(name, p.line(), p.problems());
        }
    }

    private static int line(JsonNode node, int lineOffset) {
        return SchemaDocuments.line(node, lineOffset);
    }

    private static EvalCase build(JsonNode c, Set<String> fileTags, String name, int lineOffset) {
        String id = c.get("id").asText();
        int line = line(c.get("id"), lineOffset);
        List<EvalCheck> checks = new ArrayList<>();
        for (JsonNode check : c.get("checks")) {
            EvalCheck k = new EvalCheck(check.get("type").asText(), (ObjectNode) check, line(check.get("type"), lineOffset));
            if (k.referencesBadOutput() && !c.hasNonNull("bad_output")) {
                throw new EvalCaseException(name, k.line(), "checks: " + k.type() + " in eval case " + id
                        + " compares with reference: bad_output, but the case has no bad_output");
            }
            checks.add(k);
        }
        Set<String> tags = new LinkedHashSet<>(fileTags);
        tags.addAll(strings(c.get("tags")));
        List<Provenance> duplicates = new ArrayList<>();
        if (c.has("duplicates")) {
            for (JsonNode d : c.get("duplicates")) {
                duplicates.add(provenance(d, name, lineOffset));
            }
        }
        return new EvalCase(id, c.get("feature_id").asText(), text(c, "description"), c.get("input").asText(),
                text(c, "system"), text(c, "bad_output"),
                c.has("provenance") ? provenance(c.get("provenance"), name, lineOffset) : null, duplicates,
                text(c, "cluster"), tags, text(c, "severity"), c.path("repeat").asInt(1),
                c.has("min_pass_rate") ? c.get("min_pass_rate").asDouble() : 1.0, checks, line);
    }

    private static Provenance provenance(JsonNode p, String name, int lineOffset) {
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        p.path("dimensions").fields().forEachRemaining(e -> dimensions.put(e.getKey(), e.getValue().asInt()));
        return new Provenance(p.get("request_id").asText(), text(p, "model_id"),
                instant(p, "requested_at", name, lineOffset), text(p, "flag_reason"),
                p.has("quality_score") ? p.get("quality_score").asDouble() : null, dimensions,
                instant(p, "judged_at", name, lineOffset), text(p, "judge_model"), text(p, "rubric_version"));
    }

    /** The schema's {@code format: date-time} only annotates; the time is parsed here. */
    private static Instant instant(JsonNode parent, String field, String name, int lineOffset) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new EvalCaseException(name, line(v, lineOffset), field + ": '" + v.asText()
                    + "' is not an ISO-8601 UTC time such as 2026-11-20T14:00:00Z");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(t -> out.add(t.asText()));
        }
        return out;
    }
}
