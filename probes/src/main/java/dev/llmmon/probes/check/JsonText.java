package dev.llmmon.probes.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strict reading of an answer as JSON: the whole text (surrounding whitespace aside) must be one object or array. */
public final class JsonText {
    private static final Pattern FENCE = Pattern.compile("\\A```[A-Za-z]*\\s*\\n(.*?)\\n?\\s*```\\z", Pattern.DOTALL);

    private JsonText() {
    }

    /**
     * The answer as a JSON object or array, or empty. A Markdown code fence around the JSON is accepted only when
     * {@code allowFences}: a model that starts fencing its JSON breaks parsers downstream, so by default it fails.
     */
    public static Optional<JsonNode> parse(String text, boolean allowFences) {
        if (text == null) {
            return Optional.empty();
        }
        String body = text.strip();
        if (allowFences) {
            Matcher m = FENCE.matcher(body);
            if (m.matches()) {
                body = m.group(1).strip();
            }
        }
        if (!(body.startsWith("{") || body.startsWith("["))) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.STRICT.readTree(body)).filter(n -> n.isObject() || n.isArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the answer is wrapped in a Markdown code fence. */
    public static boolean isFenced(String text) {
        return text != null && FENCE.matcher(text.strip()).matches();
    }
}
