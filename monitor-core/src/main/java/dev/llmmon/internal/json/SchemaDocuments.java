package dev.llmmon.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * YAML or JSON documents read with the line of every node and validated against a JSON Schema: what the probe-file
 * and eval-case readers share. A problem comes back as a {@link Problem} that each reader turns into its own file
 * exception (naming the file), so the two formats report bad input the same way.
 */
public final class SchemaDocuments {
    private static final JsonNodeReader LOCATED = JsonNodeReader.builder().locationAware().build();

    private SchemaDocuments() {
    }

    /** What is wrong with a document: the line of the first problem (0 when unknown) and every problem found. */
    public static final class Problem extends RuntimeException {
        private final int line;
        private final List<String> problems;

        Problem(int line, List<String> problems) {
            super(problems.get(0), null, false, false);
            this.line = line;
            this.problems = List.copyOf(problems);
        }

        public int line() {
            return line;
        }

        /** The first at {@link #line()}; later ones carry their own {@code line N:} prefix. */
        public List<String> problems() {
            return problems;
        }
    }

    /** Parses a document whose first line is line {@code lineOffset + 1} of its file. */
    public static JsonNode parse(byte[] bytes, InputFormat format, int lineOffset) {
        try {
            return LOCATED.readTree(new ByteArrayInputStream(bytes), format);
        } catch (IOException | RuntimeException e) {
            // the reader wraps Jackson's parse error (which knows the line) in an IllegalArgumentException
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof JsonProcessingException j) {
                    JsonLocation loc = j.getLocation();
                    throw new Problem((loc == null ? 0 : loc.getLineNr()) + lineOffset, List.of("not valid "
                            + format.name() + ": " + j.getOriginalMessage().strip().replaceAll("\\s+", " ")));
                }
            }
            throw new Problem(lineOffset + (lineOffset == 0 ? 0 : 1), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** Every schema violation of {@code root}, sorted by line, or nothing. */
    public static void validate(JsonSchema schema, JsonNode root, int lineOffset) {
        Set<ValidationMessage> errors = schema.validate(root);
        if (errors.isEmpty()) {
            return;
        }
        record Located(int line, String text) {
        }
        List<Located> found = new ArrayList<>();
        for (ValidationMessage m : errors) {
            found.add(new Located(line(m.getInstanceNode(), lineOffset),
                    m.getMessage().replaceFirst("^\\$", "").replaceFirst("^[.:]\\s*", "")
                            + " (at " + m.getInstanceLocation() + ")"));
        }
        found.sort(Comparator.comparingInt(Located::line).thenComparing(Located::text));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            texts.add((i == 0 ? "" : "line " + found.get(i).line() + ": ") + found.get(i).text());
        }
        throw new Problem(found.get(0).line(), texts);
    }

    /** The 1-based file line of a parsed node, or the document's first line when the node has none. */
    public static int line(JsonNode node, int lineOffset) {
        if (node instanceof JsonLocationAware located && located.tokenLocation() != null) {
            return located.tokenLocation().getLineNr() + lineOffset;
        }
        return lineOffset == 0 ? 0 : lineOffset + 1;
    }
}
