package dev.llmmon.charting;

import java.time.Duration;
import java.time.Instant;
import dev.llmmon.metrics.WindowSize;
import java.util.Map;
import java.util.Objects;

/** Where each series' Phase I baseline comes from. */
public sealed interface BaselineSpec {

    /** The first {@code count} chartable windows of each series (30 by default). */
    /**
     * The baseline the settings ask for, by precedence: a pinned range ({@code from} and {@code to}), else a
     * trailing span (with its recent part), else a span before the last model change, else the first
     * {@code windows} usable windows. Blank strings are unset; spans are written like windows ({@code 14d}).
     */
    static BaselineSpec choose(String from, String to, String trailing, String recent, String beforeChange,
                               int windows) {
        if (from != null && !from.isBlank()) {
            if (to == null || to.isBlank()) {
                throw new IllegalArgumentException("llmmon.baselineFrom needs llmmon.baselineTo");
            }
            return pinned(Instant.parse(from.trim()), Instant.parse(to.trim()));
        }
        if (trailing != null && !trailing.isBlank()) {
            return trailing(WindowSize.parse(trailing).duration(), WindowSize.parse(recent).duration());
        }
        if (beforeChange != null && !beforeChange.isBlank()) {
            return beforeModelChange(WindowSize.parse(beforeChange).duration());
        }
        return firstWindows(windows);
    }

    static BaselineSpec firstWindows(int count) {
        return new FirstWindows(count);
    }

    /** A pinned date range [from, to), the same for every series. */
    static BaselineSpec pinned(Instant from, Instant to) {
        return new Pinned(from, to);
    }

    /**
     * The {@code span} before each feature's last model change (found in the series: the first window in which
     * the feature uses a model id it had not used before).
     */
    static BaselineSpec beforeModelChange(Duration span) {
        return new BeforeModelChange(span, Map.of());
    }

    /**
     * A trailing baseline: the {@code span} that ends {@code recent} before the end of the data, e.g. the 14 days
     * before the last day, so a daily job charts its last day against the two weeks before it.
     */
    static BaselineSpec trailing(Duration span, Duration recent) {
        return new Trailing(span, recent);
    }

    record Trailing(Duration span, Duration recent) implements BaselineSpec {
        public Trailing {
            Objects.requireNonNull(span, "span");
            Objects.requireNonNull(recent, "recent");
            if (span.isNegative() || span.isZero() || recent.isNegative()) {
                throw new IllegalArgumentException("trailing baseline needs a positive span and a recent part >= 0");
            }
        }
    }

    record FirstWindows(int count) implements BaselineSpec {
        public FirstWindows {
            if (count < 2) {
                throw new IllegalArgumentException("a baseline needs at least 2 windows, got " + count);
            }
        }
    }

    record Pinned(Instant from, Instant to) implements BaselineSpec {
        public Pinned {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("baseline range is empty: " + from + " is not before " + to);
            }
        }
    }

    /**
     * @param changes explicit change times per feature (e.g. a prompt change the logs cannot show); they replace
     *                the change found in the series for that feature
     */
    record BeforeModelChange(Duration span, Map<String, Instant> changes) implements BaselineSpec {
        public BeforeModelChange {
            Objects.requireNonNull(span, "span");
            if (span.isNegative() || span.isZero()) {
                throw new IllegalArgumentException("baseline span must be positive, got " + span);
            }
            changes = Map.copyOf(changes);
        }

        public BeforeModelChange withChange(String feature, Instant at) {
            Map<String, Instant> all = new java.util.HashMap<>(changes);
            all.put(feature, at);
            return new BeforeModelChange(span, all);
        }
    }
}
