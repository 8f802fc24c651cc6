package dev.llmmon.series;

import java.util.Comparator;
import java.util.Objects;

/** Which series: a metric of one feature on one model ({@code *} for a feature-level series). */
public record SeriesKey(String feature, String model, SeriesMetric metric) implements Comparable<SeriesKey> {
    private static final Comparator<SeriesKey> ORDER = Comparator.comparing(SeriesKey::feature)
            .thenComparing(SeriesKey::model).thenComparing(SeriesKey::metric);

    public SeriesKey {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metric, "metric");
    }

    @Override
    public int compareTo(SeriesKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return feature + "/" + model + "/" + metric.id();
    }
}
