package dev.llmmon.maven;

import dev.llmmon.redact.Redactor;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code <patterns>} option of the goals that redact ({@code redact}, {@code export-evals}): one reading of it. */
final class RedactionPatterns {
    private RedactionPatterns() {
    }

    /**
     * The standard redactor plus the user's patterns (name to Java regex; each match, or its group {@code value},
     * becomes {@code <NAME_n>}).
     *
     * @throws IllegalArgumentException naming the pattern that is not a valid regex or not a valid name
     */
    static Redactor redactor(Map<String, String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return Redactor.standard();
        }
        Redactor.Builder b = Redactor.builder();
        for (Map.Entry<String, String> p : patterns.entrySet()) {
            try {
                b.pattern(p.getKey(), Pattern.compile(p.getValue()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("<patterns><" + p.getKey() + "> is not a valid regex: "
                        + e.getDescription() + " at index " + e.getIndex(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("<patterns><" + p.getKey() + ">: " + e.getMessage(), e);
            }
        }
        return b.build();
    }
}
