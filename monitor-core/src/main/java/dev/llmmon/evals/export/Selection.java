package dev.llmmon.evals.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * Which judgements become eval cases. With no score filter, the flagged ones; with {@code maxScore}, those whose
 * {@code dimension} score (or, without a dimension, mean quality score) is at most it, flagged or not. The other
 * filters narrow either.
 *
 * @param features  only these features; empty: all
 * @param dimension the dimension {@code maxScore} applies to, or {@code null} for the mean score
 * @param maxScore  the score filter, or {@code null}
 * @param from      requests at or after this time, or {@code null}
 * @param to        requests before this time, or {@code null}
 * @param alertId   only requests of this alert's feature, model and windows (from {@code alertsFile}), or {@code null}
 * @param alertsFile a monitor run's {@code alerts.json}, needed with {@code alertId}
 * @param bundle     a reviewed triage bundle ({@code triage-bundle.json}): only the requests its reviewer marked
 *                   {@code real}, flagged or not; or {@code null}
 */
public record Selection(Set<String> features, String dimension, Double maxScore, Instant from, Instant to,
                        String alertId, Path alertsFile, Path bundle) {
    public Selection {
        features = features == null ? Set.of() : Set.copyOf(features);
        if (dimension != null && maxScore == null) {
            throw new IllegalArgumentException("a dimension filter (" + dimension + ") needs a maximum score");
        }
        if (alertId != null && alertsFile == null) {
            throw new IllegalArgumentException("alert id " + alertId + " needs the monitor's alerts.json");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("time range: from " + from + " is not before to " + to);
        }
    }

    /** Without a bundle. */
    public Selection(Set<String> features, String dimension, Double maxScore, Instant from, Instant to,
                     String alertId, Path alertsFile) {
        this(features, dimension, maxScore, from, to, alertId, alertsFile, null);
    }

    /** The same selection, narrowed to the requests a triage bundle's reviewer marked real. */
    public Selection withBundle(Path value) {
        return new Selection(features, dimension, maxScore, from, to, alertId, alertsFile, value);
    }

    /** Every flagged judgement. */
    public static Selection flagged() {
        return new Selection(Set.of(), null, null, null, null, null, null);
    }

    /** The narrowing filters only (features, time, alert): a reviewed bundle replaces the flag and score filters. */
    Selection withoutScoreOrFlag() {
        return new Selection(features, null, null, from, to, alertId, alertsFile, bundle);
    }

    public boolean byScore() {
        return maxScore != null;
    }
}
