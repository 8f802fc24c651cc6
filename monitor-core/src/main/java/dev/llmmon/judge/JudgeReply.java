package dev.llmmon.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmmon.internal.json.Json;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge reply parsed strictly: a JSON object (optionally inside one Markdown code fence) whose {@code scores}
 * object holds exactly the rubric's dimensions, each a JSON integer from 1 to 5. Anything else is a problem,
 * never a default score.
 *
 * @param scores    dimension to score in rubric order; {@code null} when unparseable
 * @param rationale the judge's explanation, or {@code null}
 * @param problem   why the reply is unparseable; {@code null} when it parsed
 */
public record JudgeReply(Map<String, Integer> scores, String rationale, String problem) {
    private static final Pattern FENCE = Pattern.compile("\\A```(?:json)?\\s*\\n(.*)\\n\\s*```\\z", Pattern.DOTALL);

    public boolean ok() {
        return problem == null;
    }

    public static JudgeReply parse(String text, Rubric rubric) {
        if (text == null || text.isBlank()) {
            return fail("empty reply");
        }
        String body = text.strip();
        Matcher fence = FENCE.matcher(body);
        if (fence.matches()) {
            body = fence.group(1).strip();
        }
        JsonNode root;
        try {
            root = Json.STRICT.readTree(body);
        } catch (IOException e) {
            return fail("reply is not a JSON object: " + abbreviate(text));
        }
        if (root == null || !root.isObject()) {
            return fail("reply is not a JSON object: " + abbreviate(text));
        }
        JsonNode scores = root.get("scores");
        if (scores == null || !scores.isObject()) {
            return fail("reply has no \"scores\" object");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : rubric.dimensionNames()) {
            JsonNode v = scores.get(name);
            if (v == null || v.isNull()) {
                return fail("dimension " + name + " is missing");
            }
            if (!v.isIntegralNumber()) {
                return fail("dimension " + name + " is not an integer: " + abbreviate(v.toString()));
            }
            if (!v.canConvertToInt() || v.intValue() < 1 || v.intValue() > 5) {
                return fail("dimension " + name + " is out of range 1-5: " + abbreviate(v.toString()));
            }
            out.put(name, v.intValue());
        }
        var names = scores.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!out.containsKey(name)) {
                return fail("unknown dimension " + abbreviate(name));
            }
        }
        JsonNode rationale = root.get("rationale");
        return new JudgeReply(java.util.Collections.unmodifiableMap(out),
                rationale != null && rationale.isTextual() ? rationale.asText() : null, null);
    }

    private static JudgeReply fail(String problem) {
        return new JudgeReply(null, null, problem);
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }
}
