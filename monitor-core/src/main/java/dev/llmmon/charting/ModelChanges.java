package dev.llmmon.charting;

import dev.llmmon.series.Series;
import dev.llmmon.series.SeriesSet;
import dev.llmmon.metrics.GroupKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When each feature started using a model id it had not used before. The first model(s) of a feature are not a
 * change; a model that appears later is, at the start of its first window.
 */
public final class ModelChanges {
    /** feature → model → first window start */
    private final Map<String, Map<String, Instant>> firstSeen;

    private ModelChanges(Map<String, Map<String, Instant>> firstSeen) {
        this.firstSeen = firstSeen;
    }

    public static ModelChanges in(SeriesSet set) {
        Map<String, Map<String, Instant>> first = new TreeMap<>();
        for (Series s : set.all()) {
            if (GroupKey.ALL_MODELS.equals(s.key().model()) || s.points().isEmpty()) {
                continue;
            }
            first.computeIfAbsent(s.key().feature(), f -> new TreeMap<>())
                    .merge(s.key().model(), s.points().get(0).windowStart(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return new ModelChanges(first);
    }

    /** The feature's last model change, if it ever changed model. */
    public Optional<Instant> lastChange(String feature) {
        Map<String, Instant> models = firstSeen.getOrDefault(feature, Map.of());
        Instant start = models.values().stream().min(Instant::compareTo).orElse(null);
        return models.values().stream().filter(t -> t.isAfter(start)).max(Instant::compareTo);
    }

    /** When {@code model} first served {@code feature}. */
    public Optional<Instant> firstSeen(String feature, String model) {
        return Optional.ofNullable(firstSeen.getOrDefault(feature, Map.of()).get(model));
    }
}
