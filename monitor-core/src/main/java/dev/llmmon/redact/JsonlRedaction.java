package dev.llmmon.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmmon.internal.json.Json;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scrubs a JSONL file before it is attached to a ticket ({@code mvn llmmon:redact}): every string in the named
 * fields (a field of that name at any depth, its whole value: strings inside objects and arrays too), or every string
 * of the record when no field is named, is redacted; one numbering {@link Scope} per record, so input and output of
 * one record share {@code <EMAIL_1>}. Everything else is untouched: a line with nothing to redact is copied byte for
 * byte, a rewritten line keeps its key order and numbers exactly as written; line order is kept, one output line per
 * input line.
 *
 * <p>A line that is not a JSON object (bad JSON, a duplicate key, an array) cannot be redacted field by field, and
 * copying it would write unredacted text: it is written as an <em>empty line</em> (so output line {@code n} is still
 * input line {@code n}), counted and reported with its line number; the reason names the line and column, never the
 * text. The output is written to a temporary file and moved into place, so an interrupted run leaves no half file.
 */
public final class JsonlRedaction {
    /** How many malformed lines are listed one by one in the summary; the count is always complete. */
    static final int LISTED_PROBLEMS = 20;

    private final Redactor redactor;
    private final Set<String> fields;

    private JsonlRedaction(Redactor redactor, Set<String> fields) {
        this.redactor = redactor;
        this.fields = fields;
    }

    /**
     * @param fields the field names whose values are redacted; empty: every string value of the record
     */
    public static JsonlRedaction of(Redactor redactor, Set<String> fields) {
        Objects.requireNonNull(redactor, "redactor");
        Set<String> names = new LinkedHashSet<>();
        for (String f : fields) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("a field name is empty (llmmon.redact.fields): " + fields);
            }
            names.add(f.strip());
        }
        return new JsonlRedaction(redactor, Collections.unmodifiableSet(names));
    }

    /**
     * What one run did, without a single redacted value.
     *
     * @param lines      input lines read
     * @param changed    lines rewritten with at least one replacement
     * @param dropped    lines that were not a JSON object, written as empty lines
     * @param counts     replacements per kind
     * @param problems   the first {@value #LISTED_PROBLEMS} dropped lines, as {@code file:line: reason}
     */
    public record Summary(long lines, long changed, long dropped, Map<PiiKind, Integer> counts, List<String> problems) {
        public Summary {
            counts = Collections.unmodifiableMap(new EnumMap<>(counts.isEmpty() ? new EnumMap<>(PiiKind.class) : counts));
            problems = List.copyOf(problems);
        }

        public int replacements() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Reads {@code input} (UTF-8) and writes {@code output}.
     *
     * @throws IllegalArgumentException the input does not exist, or input and output are the same file
     * @throws IOException              reading or writing failed (the output is then left as it was)
     */
    public Summary run(Path input, Path output) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("llmmon.input " + input + " is not a file");
        }
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("llmmon.output must differ from llmmon.input (" + input + ")");
        }
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + output.getFileName(), ".tmp");
        EnumMap<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        List<String> problems = new ArrayList<>();
        long lines = 0;
        long changed = 0;
        long dropped = 0;
        String name = input.getFileName().toString();
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                if (line.isBlank()) {
                    out.write(line);
                    out.write('\n');
                    continue;
                }
                String written;
                try {
                    JsonNode tree = Json.EXACT_LINES.readTree(line);
                    if (!(tree instanceof ObjectNode record)) {
                        throw new NotAnObject(tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    Scope scope = redactor.scope();
                    if (redactIn(record, fields.isEmpty(), scope)) {
                        written = Json.EXACT_LINES.writeValueAsString(record);
                        changed++;
                        scope.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
                    } else {
                        written = line;
                    }
                } catch (JsonProcessingException e) {
                    dropped++;
                    // Jackson's message quotes the text it choked on: only the position is reported
                    String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
                    problem(problems, name + ":" + lines + ": not valid JSON" + where + " (or a duplicate key); written"
                            + " as an empty line");
                    written = "";
                } catch (NotAnObject e) {
                    dropped++;
                    problem(problems, name + ":" + lines + ": a JSON " + e.getMessage() + ", not an object; written as"
                            + " an empty line");
                    written = "";
                }
                out.write(written);
                out.write('\n');
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(name + ":" + (lines + 1) + ": not UTF-8 text", e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Summary(lines, changed, dropped, counts, problems);
    }

    private static void problem(List<String> problems, String p) {
        if (problems.size() < LISTED_PROBLEMS) {
            problems.add(p);
        }
    }

    /** Redacts the strings under {@code node}: all of them when {@code all}, else those under a named field. */
    private boolean redactIn(JsonNode node, boolean all, Scope scope) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean under = all || fields.contains(e.getKey());
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    if (under) {
                        Redaction r = scope.redact(v.textValue());
                        if (r.changed()) {
                            e.setValue(TextNode.valueOf(r.text()));
                            changed = true;
                        }
                    }
                } else {
                    changed |= redactIn(v, under, scope);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode v = array.get(i);
                if (v.isTextual()) {
                    if (all) {
                        Redaction r = scope.redact(v.textValue());
                        if (r.changed()) {
                            array.set(i, TextNode.valueOf(r.text()));
                            changed = true;
                        }
                    }
                } else {
                    changed |= redactIn(v, all, scope);
                }
            }
        }
        return changed;
    }

    private static final class NotAnObject extends Exception {
        NotAnObject(String type) {
            super(type, null, false, false);
        }
    }
}
