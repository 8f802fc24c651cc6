package dev.llmmon.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a judgement is flagged for a human to look at.
 *
 * @param meanAtMost      flag when the mean of all dimensions is at most this; {@code null} turns the rule off
 * @param dimensionAtMost flag when a dimension's score is at most its threshold
 */
public record FlagPolicy(Double meanAtMost, Map<String, Integer> dimensionAtMost) {

    public FlagPolicy {
        dimensionAtMost = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensionAtMost));
    }

    /** Mean ≤ 2 or correctness ≤ 2. */
    public static FlagPolicy defaults() {
        return new FlagPolicy(2.0, Map.of("correctness", 2));
    }

    /**
     * Flags on a low mean and on low correctness; a threshold of 0 (or less) turns its rule off.
     *
     * @param meanAtMost        flag when the mean score is at most this
     * @param correctnessAtMost flag when the {@code correctness} score is at most this
     */
    public static FlagPolicy of(double meanAtMost, int correctnessAtMost) {
        return new FlagPolicy(meanAtMost > 0 ? meanAtMost : null,
                correctnessAtMost > 0 ? Map.of("correctness", correctnessAtMost) : Map.of());
    }

    /** Which rules fired, joined with {@code "; "}; {@code null} when none did. */
    public String reason(Map<String, Integer> scores, double mean) {
        List<String> fired = new ArrayList<>();
        if (meanAtMost != null && mean <= meanAtMost) {
            fired.add(String.format(java.util.Locale.ROOT, "mean %.2f <= %s", mean, trim(meanAtMost)));
        }
        dimensionAtMost.forEach((dimension, threshold) -> {
            Integer score = scores.get(dimension);
            if (score != null && score <= threshold) {
                fired.add(dimension + " " + score + " <= " + threshold);
            }
        });
        return fired.isEmpty() ? null : String.join("; ", fired);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
