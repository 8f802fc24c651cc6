package dev.llmmon.judge;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One scored aspect of a response.
 *
 * @param name        JSON key in the judge reply and the judgement ({@code correctness}, ...)
 * @param description what the dimension measures
 * @param anchors     score (1-5) to what that score means; 1 and 5 are required, 2-4 optional
 */
public record Dimension(String name, String description, Map<Integer, String> anchors) {
    public Dimension {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("dimension name must be lower_snake_case, was '" + name + "'");
        }
        Objects.requireNonNull(description, "description");
        anchors = new TreeMap<>(Objects.requireNonNull(anchors, "anchors"));
        for (Integer score : anchors.keySet()) {
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("dimension " + name + ": anchor scores must be 1-5, found " + score);
            }
        }
        if (!anchors.containsKey(1) || !anchors.containsKey(5)) {
            throw new IllegalArgumentException("dimension " + name + ": anchors for 1 and 5 are required");
        }
        anchors = java.util.Collections.unmodifiableMap(anchors);
    }
}
