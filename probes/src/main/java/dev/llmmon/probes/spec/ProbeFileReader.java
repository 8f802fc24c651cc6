package dev.llmmon.probes.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.llmmon.client.ResponseFormat;
import dev.llmmon.internal.json.SchemaDocuments;
import dev.llmmon.probes.check.CheckRegistry;
import dev.llmmon.probes.spi.Check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads probe files: YAML ({@code .yaml}, {@code .yml}), JSON ({@code .json}) and JSON Lines ({@code .jsonl}, one
 * probe per line). Every file is validated against {@link #SCHEMA_RESOURCE} before any probe runs; then probe ids
 * must be unique in the file and every check type must be known (built-in or SPI) and accept its settings. A file
 * that fails is one {@link ProbeFileException} naming the file and the line of the first problem.
 */
public final class ProbeFileReader {
    /** The published schema, a classpath resource of this module. */
    public static final String SCHEMA_RESOURCE = "dev/llmmon/probes/probe.schema.json";
    /** File name endings read as probe files. */
    public static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json", ".jsonl");

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE));

    private final CheckRegistry checks;

    public ProbeFileReader(CheckRegistry checks) {
        this.checks = checks;
    }

    CheckRegistry checks() {
        return checks;
    }

    public static boolean isProbeFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    public ProbeFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ProbeFileException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
    }

    /** Reads {@code in}; {@code name} (a path or resource name, its ending picking the format) appears in errors. */
    public ProbeFile read(InputStream in, String name) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (name.toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
            return readLines(new String(bytes, StandardCharsets.UTF_8), name);
        }
        InputFormat format = name.toLowerCase(Locale.ROOT).endsWith(".json") ? InputFormat.JSON : InputFormat.YAML;
        JsonNode root = parse(bytes, format, name, 0);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ProbeFileException(name, 1, "the file is empty");
        }
        validate(root, name, 0);
        return build(root, name, 0);
    }

    private ProbeFile readLines(String text, String name) {
        List<Probe> probes = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node = parse(lines[i].getBytes(StandardCharsets.UTF_8), InputFormat.JSON, name, i);
            if (node.has("probes")) {
                throw new ProbeFileException(name, i + 1, "a .jsonl file holds one probe per line, not a list of probes");
            }
            validate(node, name, i);
            Probe p = build(node, name, i).probes().get(0);
            if (!ids.add(p.id())) {
                throw new ProbeFileException(name, i + 1, "probe id " + p.id() + " appears twice in the file");
            }
            probes.add(p);
        }
        if (probes.isEmpty()) {
            throw new ProbeFileException(name, 1, "the file holds no probes");
        }
        return new ProbeFile(name, null, Set.of(), probes);
    }

    /**
     * Validates one probe object built in code (an eval case turned into a probe: {@link EvalCaseProbes}) against the
     * schema and the check registry, and builds it. Problems whose node has no line of its own are reported at
     * {@code line}.
     */
    public Probe probe(JsonNode probe, String name, int line) {
        try {
            validate(probe, name, 0);
            return probe(probe, Set.of(), name, 0, line);
        } catch (ProbeFileException e) {
            throw e.line() > 0 ? e : new ProbeFileException(name, line, e.problems());
        }
    }

    private static JsonNode parse(byte[] bytes, InputFormat format, String name, int lineOffset) {
        try {
            return SchemaDocuments.parse(bytes, format, lineOffset);
        } catch (SchemaDocuments.Problem p) {
            throw new ProbeFileException(name, p.line(), p.problems());
        }
    }

    private static void validate(JsonNode root, String name, int lineOffset) {
        try {
            SchemaDocuments.validate(SCHEMA, root, lineOffset);
        } catch (SchemaDocuments.Problem p) {
            throw new ProbeFileException(name, p.line(), p.problems());
        }
    }

    static int line(JsonNode node, int lineOffset) {
        return SchemaDocuments.line(node, lineOffset);
    }

    private ProbeFile build(JsonNode root, String name, int lineOffset) {
        boolean suite = root.has("probes");
        Set<String> fileTags = strings(suite ? root.get("tags") : null);
        List<Probe> probes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Iterable<JsonNode> nodes = suite ? root.get("probes") : List.of(root);
        for (JsonNode p : nodes) {
            int line = line(p.get("id"), lineOffset);
            Integer before = seen.putIfAbsent(p.get("id").asText(), line);
            if (before != null) {
                throw new ProbeFileException(name, line, "probe id " + p.get("id").asText()
                        + " appears twice in the file (first at line " + before + ")");
            }
            probes.add(probe(p, fileTags, name, lineOffset, line));
        }
        return new ProbeFile(name, suite ? text(root, "description") : null, fileTags, probes);
    }

    private Probe probe(JsonNode p, Set<String> fileTags, String name, int lineOffset, int line) {
        Set<String> tags = new LinkedHashSet<>(fileTags);
        tags.addAll(strings(p.get("tags")));
        JsonNode params = p.path("params");
        List<CheckSpec> specs = new ArrayList<>();
        Map<String, Integer> perType = new HashMap<>();
        for (JsonNode c : p.get("checks")) {
            String type = c.get("type").asText();
            int checkLine = line(c.get("type"), lineOffset);
            Optional<Check> check = checks.find(type);
            if (check.isEmpty()) {
                throw new ProbeFileException(name, checkLine, "unknown check type '" + type + "' in probe "
                        + p.get("id").asText() + "; known: " + String.join(", ", checks.all().keySet()));
            }
            try {
                check.get().validate(c);
            } catch (IllegalArgumentException e) {
                throw new ProbeFileException(name, checkLine, "check " + type + " in probe " + p.get("id").asText()
                        + ": " + e.getMessage());
            }
            int n = perType.merge(type, 1, Integer::sum);
            String checkName = c.has("name") ? c.get("name").asText() : type + (n == 1 ? "" : "#" + n);
            specs.add(new CheckSpec(type, checkName, c, checkLine));
        }
        Set<String> names = new java.util.HashSet<>();
        for (CheckSpec s : specs) {
            if (!names.add(s.name())) {
                throw new ProbeFileException(name, s.line(), "two checks in probe " + p.get("id").asText()
                        + " are named " + s.name() + "; give them distinct 'name's");
            }
        }
        return new Probe(p.get("id").asText(), text(p, "description"), text(p, "feature"),
                text(p, "cluster"), tags,
                p.has("severity") ? Severity.parse(p.get("severity").asText()) : Severity.MAJOR,
                p.get("input").asText(), text(p, "system"), text(params, "model"),
                params.has("temperature") ? params.get("temperature").asDouble() : null,
                params.has("max_tokens") ? params.get("max_tokens").asInt() : null,
                "json_object".equals(params.path("response_format").asText()) ? ResponseFormat.JSON_OBJECT : ResponseFormat.TEXT,
                p.path("repeat").asInt(1), p.has("min_pass_rate") ? p.get("min_pass_rate").asDouble() : 1.0,
                specs, line);
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
