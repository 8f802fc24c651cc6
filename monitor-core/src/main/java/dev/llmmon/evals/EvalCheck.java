package dev.llmmon.evals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One check of an eval case, as written: a probe check ({@code rubric}, {@code not-similar}, {@code contains}, ...,
 * or a user type). Its settings are checked by the probes engine, which knows the check types; here only the shape.
 *
 * @param type   the check type
 * @param config the whole check object, {@code type} included (a private copy: the record stays immutable)
 * @param line   1-based line in its file, 0 when built in code
 */
public record EvalCheck(String type, ObjectNode config, int line) {
    /** The value of {@code reference} in {@code similar}/{@code not-similar} that names the case's bad output. */
    public static final String BAD_OUTPUT_REFERENCE = "bad_output";

    public EvalCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        config = config.deepCopy();
        if (!type.equals(config.path("type").asText())) {
            throw new IllegalArgumentException("check type " + type + " differs from its config's " + config.path("type"));
        }
    }

    /** A check built in code from its settings; {@code type} is set in the copy. */
    public static EvalCheck of(String type, ObjectNode settings) {
        ObjectNode c = settings.objectNode();
        c.put("type", type);
        settings.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("type")) {
                c.set(e.getKey(), e.getValue());
            }
        });
        return new EvalCheck(type, c, 0);
    }

    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** Whether this check compares with the case's bad output ({@code reference: bad_output}). */
    public boolean referencesBadOutput() {
        JsonNode r = config.get("reference");
        return r != null && r.isTextual() && BAD_OUTPUT_REFERENCE.equals(r.asText());
    }
}
