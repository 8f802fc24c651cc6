package dev.llmmon.series;

import dev.llmmon.detect.SeriesPoint;
import dev.llmmon.metrics.QualityPoint;
import dev.llmmon.metrics.GroupKey;
import dev.llmmon.metrics.WindowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All series of a run, keyed and ordered by (feature, model, metric). This is what detection replays and what the
 * {@link SeriesStore} saves: anything that builds the same set gets the same alerts.
 */
public final class SeriesSet {
    private final SortedMap<SeriesKey, Series> series;

    private SeriesSet(SortedMap<SeriesKey, Series> series) {
        this.series = Collections.unmodifiableSortedMap(series);
    }

    public static SeriesSet of(Collection<Series> all) {
        SortedMap<SeriesKey, Series> map = new TreeMap<>();
        for (Series s : all) {
            if (map.put(s.key(), s) != null) {
                throw new IllegalArgumentException("series " + s.key() + " given twice");
            }
        }
        return new SeriesSet(map);
    }

    /**
     * Series from the unsliced per-model rows of {@code windows} (sliced rows and the {@code *} roll-ups are
     * ignored) and from {@code quality} points ({@code modelId == null} gives model {@code *}). A series whose
     * windows all lack a value (e.g. signal rates when no signals were read) is left out.
     */
    public static SeriesSet from(List<WindowMetrics> windows, List<QualityPoint> quality, Set<SeriesMetric> metrics) {
        Map<SeriesKey, TreeMap<Instant, SeriesPoint>> points = new TreeMap<>();
        Map<SeriesKey, Duration> lengths = new TreeMap<>();
        for (WindowMetrics w : windows) {
            GroupKey k = w.key();
            if (k.isSliced() || k.isRollup()) {
                continue;
            }
            for (SeriesMetric m : metrics) {
                if (m.fromQuality()) {
                    continue;
                }
                SeriesMetric.Reading r = m.read(w);
                add(points, lengths, new SeriesKey(w.featureId(), w.modelId(), m), w.windowStart(), w.windowEnd(), r);
            }
        }
        for (QualityPoint q : quality == null ? List.<QualityPoint>of() : quality) {
            String model = q.modelId() == null ? GroupKey.ALL_MODELS : q.modelId();
            for (SeriesMetric m : metrics) {
                if (m.fromQuality()) {
                    add(points, lengths, new SeriesKey(q.featureId(), model, m), q.windowStart(), q.windowEnd(), m.read(q));
                }
            }
        }
        List<Series> out = new ArrayList<>();
        points.forEach((key, byTime) -> {
            if (byTime.values().stream().anyMatch(p -> !Double.isNaN(p.value()))) {
                out.add(new Series(key, lengths.get(key), new ArrayList<>(byTime.values())));
            }
        });
        return of(out);
    }

    private static void add(Map<SeriesKey, TreeMap<Instant, SeriesPoint>> points, Map<SeriesKey, Duration> lengths,
            SeriesKey key, Instant start, Instant end, SeriesMetric.Reading r) {
        Duration length = Duration.between(start, end);
        Duration known = lengths.putIfAbsent(key, length);
        if (known != null && !known.equals(length)) {
            throw new IllegalArgumentException("series " + key + " mixes window lengths " + known + " and " + length);
        }
        SeriesPoint previous = points.computeIfAbsent(key, k -> new TreeMap<>())
                .put(start, new SeriesPoint(start, r.value(), Math.max(0, r.n())));
        if (previous != null) {
            throw new IllegalArgumentException("series " + key + " has two rows for window " + start
                    + " (pass one unsliced row per window, feature and model)");
        }
    }

    public Collection<Series> all() {
        return series.values();
    }

    public Series get(SeriesKey key) {
        return series.get(key);
    }

    public int size() {
        return series.size();
    }

    /**
     * A set where {@code newer}'s windows replace this set's windows with the same start, and add to them
     * otherwise: how a stored history is extended with the windows of the latest logs.
     */
    public SeriesSet mergedWith(SeriesSet newer) {
        SortedMap<SeriesKey, Series> merged = new TreeMap<>(series);
        for (Series fresh : newer.all()) {
            Series old = merged.get(fresh.key());
            if (old == null) {
                merged.put(fresh.key(), fresh);
                continue;
            }
            if (!old.window().equals(fresh.window())) {
                throw new IllegalArgumentException("series " + fresh.key() + ": stored windows are " + old.window()
                        + " long, new ones " + fresh.window());
            }
            TreeMap<Instant, SeriesPoint> byTime = new TreeMap<>();
            old.points().forEach(p -> byTime.put(p.windowStart(), p));
            fresh.points().forEach(p -> byTime.put(p.windowStart(), p));
            merged.put(fresh.key(), new Series(fresh.key(), fresh.window(), new ArrayList<>(byTime.values())));
        }
        return new SeriesSet(merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesSet other && series.equals(other.series);
    }

    @Override
    public int hashCode() {
        return series.hashCode();
    }
}
