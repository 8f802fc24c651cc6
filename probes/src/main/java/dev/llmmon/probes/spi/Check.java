package dev.llmmon.probes.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A check type, the extension point for users: implement it in a public class with a public no-argument constructor
 * and name the class in {@code META-INF/services/dev.llmmon.probes.spi.Check}. Probe files then use its
 * {@link #type()} like a built-in one. A check is stateless: its settings arrive with every call.
 *
 * <pre>{@code
 * public final class StartsWithCheck implements Check {
 *     public String type() { return "starts-with"; }
 *     public void validate(JsonNode config) {
 *         if (!config.path("prefix").isTextual()) throw new IllegalArgumentException("'prefix' (text) is required");
 *     }
 *     public CheckResult evaluate(JsonNode config, Observation o, CheckContext context) {
 *         String prefix = config.get("prefix").asText();
 *         return o.output().startsWith(prefix) ? CheckResult.pass("starts with " + prefix)
 *                 : CheckResult.fail("does not start with " + prefix);
 *     }
 * }
 * }</pre>
 */
public interface Check {

    /** The name used as {@code type:} in probe files: lower case, digits and dashes. */
    String type();

    /**
     * Rejects bad settings before anything runs. Throw {@link IllegalArgumentException} naming the field; the
     * engine adds file and line. {@code config} is the whole check object, {@code type} included.
     */
    default void validate(JsonNode config) {
    }

    /** Judges one answer. Must not throw for a bad answer: return {@link CheckResult#fail}. */
    CheckResult evaluate(JsonNode config, Observation observation, CheckContext context);
}
