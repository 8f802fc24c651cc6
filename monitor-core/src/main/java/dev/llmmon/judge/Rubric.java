package dev.llmmon.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dimensions a judge scores, under a version recorded on every judgement: change the wording, change the
 * version, and a rerun judges again instead of mixing scores from two rubrics.
 *
 * <p>YAML form:
 * <pre>
 * rubric_version: support-v2
 * dimensions:
 *   - name: correctness
 *     description: Is the answer factually right for the question?
 *     anchors:
 *       1: Wrong or harmful.
 *       5: Fully correct.
 * </pre>
 */
public record Rubric(String version, List<Dimension> dimensions) {

    public Rubric {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("rubric_version is empty");
        }
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a rubric needs at least one dimension");
        }
        var seen = new HashSet<String>();
        for (Dimension d : dimensions) {
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("dimension " + d.name() + " appears twice");
            }
        }
    }

    /** Correctness, completeness and tone, version {@code default-v1}. */
    public static Rubric defaults() {
        return new Rubric("default-v1", List.of(
                new Dimension("correctness", "Is the response factually and logically right for the user's request?",
                        Map.of(1, "Wrong, misleading or harmful; would cause the user to act incorrectly.",
                                2, "Mostly wrong, or right only in minor parts.",
                                3, "Partly right, with at least one material error.",
                                4, "Right, with only minor inaccuracies that do not change the outcome.",
                                5, "Entirely right; nothing a domain expert would correct.")),
                new Dimension("completeness", "Does the response cover everything the request needs?",
                        Map.of(1, "Does not address the request.",
                                2, "Addresses a small part; the main need is unmet.",
                                3, "Addresses the main need but leaves out important parts.",
                                4, "Covers the request with small omissions.",
                                5, "Covers everything needed, without padding.")),
                new Dimension("tone", "Is the tone appropriate for the product and the user?",
                        Map.of(1, "Rude, dismissive or otherwise inappropriate.",
                                2, "Noticeably off (curt, condescending, overly casual).",
                                3, "Acceptable but awkward or robotic.",
                                4, "Appropriate, with small lapses.",
                                5, "Clear, respectful and fitting throughout."))));
    }

    public List<String> dimensionNames() {
        return dimensions.stream().map(Dimension::name).toList();
    }

    public static Rubric load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads the YAML form; errors name {@code source} and the field. */
    public static Rubric read(InputStream in, String source) throws IOException {
        JsonNode root = Json.YAML.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a rubric must be a YAML mapping");
        }
        JsonNode version = root.path("rubric_version");
        if (!version.isTextual() && !version.isNumber()) {
            throw new IllegalArgumentException(source + ": rubric_version is required");
        }
        JsonNode dims = root.path("dimensions");
        if (!dims.isArray() || dims.isEmpty()) {
            throw new IllegalArgumentException(source + ": dimensions must be a non-empty list");
        }
        List<Dimension> out = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            JsonNode d = dims.get(i);
            String where = source + ": dimensions[" + i + "]";
            if (!d.path("name").isTextual()) {
                throw new IllegalArgumentException(where + ".name is required");
            }
            if (!d.path("anchors").isObject()) {
                throw new IllegalArgumentException(where + ".anchors must map scores 1-5 to descriptions");
            }
            Map<Integer, String> anchors = new HashMap<>();
            var it = d.path("anchors").fields();
            while (it.hasNext()) {
                var e = it.next();
                try {
                    anchors.put(Integer.parseInt(e.getKey().trim()), e.getValue().asText());
                } catch (NumberFormatException nfe) {
                    throw new IllegalArgumentException(where + ".anchors: key '" + e.getKey() + "' is not a score 1-5");
                }
            }
            try {
                out.add(new Dimension(d.path("name").asText(), d.path("description").asText(""), anchors));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        try {
            return new Rubric(version.asText(), out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
