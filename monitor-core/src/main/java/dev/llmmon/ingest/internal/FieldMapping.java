package dev.llmmon.ingest.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a foreign JSONL or CSV export maps onto the native request record (shared/formats/logs.md §4), loaded from
 * YAML or JSON. A source is a JSON pointer ({@code /usage/prompt_tokens}) or a top-level name; in CSV the first
 * pointer segment is the column and the rest, if any, points into that cell's JSON text. Example:
 * <pre>
 * name: my-export
 * format: auto              # jsonl | csv | auto (by the first character of the file)
 * time_zone: UTC            # for timestamps written without offset; without it they are rejected
 * skip_unless: {from: /type, equals: [GENERATION]}   # rows that are not model calls are skipped, not rejected
 * latency_unmeasured_when: {from: /status, equals: [failure]}   # rows whose times are not the call's (see below)
 * fields:
 *   request_id: /id
 *   timestamp: {from: /ts, unit: epoch_ms}          # auto | iso | epoch_s | epoch_ms | epoch_us | epoch_ns
 *   latency_ms: {from: /duration, unit: s}          # ms | s; or {start: /startTime, end: /endTime, unit: iso}
 *   model_id: [/model, /model_group]                # alternatives: first present wins
 *   input_tokens: /usage/prompt_tokens
 *   finish_reason: {from: /stop, values: {done: end_turn}, default: end_turn}
 *   error: {from: /error/message, when: /status, equals: [failure]}
 * constants: {feature_id: support-chat}
 * metadata: {prompt_version: /prompt/version}
 * metadata_object: /tags    # string values of this object become metadata too
 * </pre>
 * A required field needs a source, a constant or a default; {@code finish_reason} without a value is
 * {@code error} when the record has an error, else its default; a record with an error and no token counts gets 0
 * tokens (a failed call reports no usage; rejecting it would hide it from the error rate). Rows matching
 * {@code latency_unmeasured_when} are read with latency 0 and {@link dev.llmmon.record.RequestRecord#LATENCY_UNMEASURED}
 * in their metadata, so the window metrics count them but keep them out of the latency percentiles.
 */
public record FieldMapping(String name, Format format, ZoneId timeZone, Map<String, Source> fields,
                           Map<String, String> constants, Map<String, Source> metadata, String metadataObject,
                           Source skipUnless, Source latencyUnmeasuredWhen) {

    /** Native fields a record cannot do without. */
    public static final Set<String> REQUIRED = Set.of("request_id", "timestamp", "feature_id", "model_id",
            "latency_ms", "input_tokens", "output_tokens", "finish_reason");
    /** Every native field a mapping may fill. */
    public static final Set<String> NATIVE_FIELDS = Set.of("request_id", "timestamp", "feature_id", "model_id",
            "latency_ms", "input_tokens", "output_tokens", "cost_usd", "finish_reason", "error", "session_id",
            "user_input", "output", "system_fingerprint", "cached_input_tokens", "reasoning_tokens");
    private static final Set<String> TIME_UNITS = Set.of("auto", "iso", "epoch_s", "epoch_ms", "epoch_us", "epoch_ns");

    public enum Format { AUTO, JSONL, CSV }

    /**
     * Where one native value comes from. {@code from}: alternatives, first present wins; {@code start}/{@code end}:
     * a latency computed from two timestamps; {@code unit}: see the class comment; {@code values}: raw value ->
     * native value; {@code defaultValue}: used when no source is present; {@code when}/{@code equals}: the field
     * only counts when the {@code when} source has one of these values (an error with no message then takes that
     * value).
     */
    public record Source(List<String> from, String start, String end, String unit, Map<String, String> values,
                         String defaultValue, String when, List<String> equals) {
        public Source {
            from = from == null ? List.of() : List.copyOf(from);
            values = values == null ? Map.of() : Map.copyOf(values);
            equals = equals == null ? List.of() : List.copyOf(equals);
        }

        public static Source of(String... from) {
            return new Source(List.of(from), null, null, null, null, null, null, null);
        }

        /** All source names this reads, for validation and CSV header checks. */
        List<String> sourceNames() {
            List<String> all = new ArrayList<>(from);
            if (start != null) {
                all.add(start);
            }
            if (end != null) {
                all.add(end);
            }
            return all;
        }
    }

    public FieldMapping {
        fields = Map.copyOf(fields);
        constants = constants == null ? Map.of() : Map.copyOf(constants);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        format = format == null ? Format.AUTO : format;
        validate(name, fields, constants, metadata, metadataObject, skipUnless);
        if (latencyUnmeasuredWhen != null) {
            checkCondition("latency_unmeasured_when", latencyUnmeasuredWhen);
        }
    }

    /**
     * A mapping shipped with llmmon: {@code litellm} (LiteLLM proxy spend logs) or {@code langfuse} (Langfuse
     * observations export).
     */
    public static FieldMapping builtin(String name) {
        String resource = "/dev/llmmon/mappings/" + name.toLowerCase(Locale.ROOT).trim() + ".yaml";
        try (InputStream in = FieldMapping.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No built-in mapping '" + name + "' (built in: litellm, langfuse)");
            }
            return parse(Json.YAML.readTree(in), "built-in mapping '" + name + "'");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a mapping from a YAML or JSON file. */
    public static FieldMapping load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(Json.YAML.readTree(in), "mapping file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    /** This mapping with a constant value for one native field (e.g. a feature id the export does not carry). */
    public FieldMapping withConstant(String nativeField, String value) {
        Map<String, String> c = new LinkedHashMap<>(constants);
        c.put(nativeField, value);
        Map<String, Source> f = new LinkedHashMap<>(fields);
        f.remove(nativeField);
        return new FieldMapping(name, format, timeZone, f, c, metadata, metadataObject, skipUnless,
                latencyUnmeasuredWhen);
    }

    // ------------------------------------------------------------------ parsing and validation

    static FieldMapping parse(JsonNode root, String origin) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": a mapping must be an object with 'fields'");
        }
        checkKeys(root, origin, Set.of("name", "format", "time_zone", "fields", "constants", "metadata",
                "metadata_object", "skip_unless", "latency_unmeasured_when"));
        String name = text(root.get("name"), origin, "name");
        Format format = Format.AUTO;
        String f = text(root.get("format"), origin, "format");
        if (f != null) {
            try {
                format = Format.valueOf(f.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": format must be jsonl, csv or auto, found '" + f + "'");
            }
        }
        ZoneId zone = null;
        String z = text(root.get("time_zone"), origin, "time_zone");
        if (z != null) {
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(origin + ": unknown time_zone '" + z + "'");
            }
        }
        JsonNode fieldsNode = root.get("fields");
        if (fieldsNode == null || !fieldsNode.isObject()) {
            throw new IllegalArgumentException(origin + ": 'fields' must map native fields to sources");
        }
        Map<String, Source> fields = sources((ObjectNode) fieldsNode, origin, "fields");
        Map<String, String> constants = new LinkedHashMap<>();
        JsonNode c = root.get("constants");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw new IllegalArgumentException(origin + ": 'constants' must map native fields to values");
            }
            c.fields().forEachRemaining(e -> constants.put(e.getKey(), scalar(e.getValue(), origin, "constants." + e.getKey())));
        }
        Map<String, Source> metadata = Map.of();
        JsonNode m = root.get("metadata");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw new IllegalArgumentException(origin + ": 'metadata' must map metadata keys to sources");
            }
            metadata = sources((ObjectNode) m, origin, "metadata");
        }
        String metadataObject = text(root.get("metadata_object"), origin, "metadata_object");
        Source skipUnless = null;
        JsonNode s = root.get("skip_unless");
        if (s != null && !s.isNull()) {
            skipUnless = source(s, origin, "skip_unless");
        }
        try {
            Source unmeasured = null;
            JsonNode u = root.get("latency_unmeasured_when");
            if (u != null && !u.isNull()) {
                unmeasured = source(u, origin, "latency_unmeasured_when");
            }
            return new FieldMapping(name, format, zone, fields, constants, metadata, metadataObject, skipUnless,
                    unmeasured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Source> sources(ObjectNode node, String origin, String where) {
        Map<String, Source> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), source(e.getValue(), origin, where + "." + e.getKey()));
        }
        return out;
    }

    private static Source source(JsonNode node, String origin, String where) {
        if (node.isTextual()) {
            return Source.of(node.asText());
        }
        if (node.isArray()) {
            return new Source(strings(node, origin, where), null, null, null, null, null, null, null);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(origin + ": " + where + " must be a source, a list of sources or an object");
        }
        checkKeys(node, origin + " " + where, Set.of("from", "start", "end", "unit", "values", "default", "when", "equals"));
        JsonNode from = node.get("from");
        List<String> fromList = from == null || from.isNull() ? List.of()
                : from.isArray() ? strings(from, origin, where + ".from") : List.of(scalar(from, origin, where + ".from"));
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode v = node.get("values");
        if (v != null && !v.isNull()) {
            if (!v.isObject()) {
                throw new IllegalArgumentException(origin + ": " + where + ".values must map raw values to native values");
            }
            v.fields().forEachRemaining(e -> values.put(e.getKey(), scalar(e.getValue(), origin, where + ".values")));
        }
        JsonNode eq = node.get("equals");
        List<String> equals = eq == null || eq.isNull() ? List.of()
                : eq.isArray() ? strings(eq, origin, where + ".equals") : List.of(scalar(eq, origin, where + ".equals"));
        return new Source(fromList, text(node.get("start"), origin, where + ".start"),
                text(node.get("end"), origin, where + ".end"), text(node.get("unit"), origin, where + ".unit"),
                values, node.has("default") ? scalar(node.get("default"), origin, where + ".default") : null,
                text(node.get("when"), origin, where + ".when"), equals);
    }

    private static void checkKeys(JsonNode node, String origin, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + k + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static List<String> strings(JsonNode array, String origin, String where) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(scalar(n, origin, where)));
        return out;
    }

    private static String text(JsonNode node, String origin, String where) {
        return node == null || node.isNull() ? null : scalar(node, origin, where);
    }

    private static String scalar(JsonNode node, String origin, String where) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(origin + ": " + where + " must be a single value");
        }
        return node.asText();
    }

    private static void validate(String name, Map<String, Source> fields, Map<String, String> constants,
                                 Map<String, Source> metadata, String metadataObject, Source skipUnless) {
        for (String field : fields.keySet()) {
            if (!NATIVE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown native field '" + field + "' (known: "
                        + String.join(", ", NATIVE_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        for (String field : constants.keySet()) {
            if (!NATIVE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown native field '" + field + "' in constants");
            }
            if (fields.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' is both a field and a constant");
            }
        }
        for (String required : REQUIRED.stream().sorted().toList()) {
            Source s = fields.get(required);
            boolean hasSource = s != null && (!s.from().isEmpty() || s.start() != null || s.defaultValue() != null);
            if (!hasSource && !constants.containsKey(required)) {
                throw new IllegalArgumentException("required native field '" + required
                        + "' has no source, constant or default");
            }
        }
        for (Map.Entry<String, Source> e : fields.entrySet()) {
            checkSource(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Source> e : metadata.entrySet()) {
            checkSource("metadata." + e.getKey(), e.getValue());
        }
        if (metadataObject != null) {
            checkPointer("metadata_object", metadataObject);
        }
        if (skipUnless != null) {
            checkCondition("skip_unless", skipUnless);
        }
    }

    private static void checkCondition(String key, Source condition) {
        if (condition.from().size() != 1 || condition.equals().isEmpty()) {
            throw new IllegalArgumentException(key + " needs one 'from' and a non-empty 'equals'");
        }
        checkPointer(key, condition.from().get(0));
    }

    private static void checkSource(String field, Source s) {
        if ((s.start() == null) != (s.end() == null)) {
            throw new IllegalArgumentException(field + ": 'start' and 'end' go together");
        }
        if (s.start() != null && !field.equals("latency_ms")) {
            throw new IllegalArgumentException(field + ": 'start'/'end' only compute latency_ms");
        }
        if (s.start() != null && !s.from().isEmpty()) {
            throw new IllegalArgumentException(field + ": use either 'from' or 'start'/'end'");
        }
        if (s.when() != null) {
            checkPointer(field + ".when", s.when());
            if (s.equals().isEmpty()) {
                throw new IllegalArgumentException(field + ": 'when' needs 'equals'");
            }
        }
        for (String source : s.sourceNames()) {
            checkPointer(field, source);
        }
        String unit = s.unit();
        if (unit != null) {
            boolean timeField = field.equals("timestamp") || s.start() != null;
            boolean ok = timeField ? TIME_UNITS.contains(unit) : field.equals("latency_ms") && (unit.equals("ms") || unit.equals("s"));
            if (!ok) {
                throw new IllegalArgumentException(field + ": unit '" + unit + "' is not one of "
                        + (timeField ? String.join(", ", TIME_UNITS.stream().sorted().toList()) : "ms, s"));
            }
        }
        if (!s.values().isEmpty() && !field.equals("finish_reason")) {
            // value maps are only meaningful where a closed set of values is expected
            throw new IllegalArgumentException(field + ": 'values' maps are for finish_reason");
        }
    }

    private static void checkPointer(String field, String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(field + ": empty source");
        }
        if (source.startsWith("/")) {
            try {
                JsonPointer.compile(source);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": bad JSON pointer '" + source + "': " + e.getMessage());
            }
        }
    }

    /** A source as a JSON pointer: names without a leading slash are top-level fields or CSV columns. */
    static JsonPointer pointer(String source) {
        return source.startsWith("/") ? JsonPointer.compile(source) : JsonPointer.compile("/" + source.replace("~", "~0").replace("/", "~1"));
    }

    /** The display name for messages: the mapping's name, or "mapping". */
    String displayName() {
        return name == null ? "mapping" : "mapping '" + name + "'";
    }
}
