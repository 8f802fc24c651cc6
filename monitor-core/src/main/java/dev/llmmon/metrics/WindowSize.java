package dev.llmmon.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tumbling window length ({@code 5m}, {@code 1h}, {@code 1d}); windows are aligned to the UTC epoch. */
public record WindowSize(Duration duration) {
    private static final Pattern SPEC = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    public WindowSize {
        if (duration.isNegative() || duration.isZero() || duration.toMillis() % 1000 != 0
                || Duration.ofDays(1).toMillis() % duration.toMillis() != 0 && duration.toMillis() % Duration.ofDays(1).toMillis() != 0) {
            throw new IllegalArgumentException("window must be whole seconds that divide a day or whole days: " + duration);
        }
    }

    /** Parses {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, or an ISO-8601 duration ({@code PT15M}). */
    public static WindowSize parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        Matcher m = SPEC.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return new WindowSize(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return new WindowSize(Duration.parse(spec.trim().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("window '" + spec + "' is not like 5m, 1h, 1d or PT15M", e);
        }
    }

    /** Start of the window holding {@code t}, in epoch milliseconds. */
    public long startMillis(Instant t) {
        long size = duration.toMillis();
        return Math.floorDiv(t.toEpochMilli(), size) * size;
    }

    /** The short form ({@code 1h}) used in reports. */
    @Override
    public String toString() {
        long s = duration.toSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
