package dev.llmmon.ingest.internal;

import dev.llmmon.ingest.RejectReason;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Checks shared by every reader, so that all formats reject the same bad values for the same reasons. */
public final class Values {
    private Values() {
    }

    /**
     * The sane range of every timestamp llmmon reads: no LLM call was logged before 2000, and a date past 2100 is a
     * unit mistake (epoch milliseconds read as seconds land in the year 58826). Beyond it a record is rejected as
     * {@link RejectReason#BAD_TIMESTAMP} naming the bound, instead of taking over the latest window.
     */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** See {@link #EARLIEST}; exclusive. */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** Most tokens one request may report (the largest context windows are about 10M); beyond: out of range. */
    public static final long MAX_TOKENS = 100_000_000L;
    /** Longest latency one request may report: a day (a batch window); beyond: out of range. */
    public static final double MAX_LATENCY_MS = 86_400_000d;
    /** Highest logged cost of one request, in US dollars; beyond: out of range. */
    public static final double MAX_COST_USD = 1_000d;

    static double nonNegative(double value, String field) throws BadRecordException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new BadRecordException(RejectReason.NOT_FINITE, field, field + " is " + value);
        }
        if (value < 0) {
            throw new BadRecordException(RejectReason.NEGATIVE_NUMBER, field, field + " is negative: " + value);
        }
        return value;
    }

    /** A non-negative number at most {@code bound}; {@code what} names the bound in the message ("1000 USD"). */
    static double bounded(double value, String field, double bound, String what) throws BadRecordException {
        nonNegative(value, field);
        if (value > bound) {
            throw new BadRecordException(RejectReason.OUT_OF_RANGE, field,
                    field + " is " + shortNumber(value) + ", beyond the bound of " + what);
        }
        return value;
    }

    static double latencyMs(double value, String field) throws BadRecordException {
        return bounded(value, field, MAX_LATENCY_MS, "86,400,000 ms (one day)");
    }

    static double costUsd(double value, String field) throws BadRecordException {
        return bounded(value, field, MAX_COST_USD, "1,000 USD per request");
    }

    static long nonNegativeWhole(double value, String field) throws BadRecordException {
        nonNegative(value, field);
        if (value != Math.rint(value)) {
            throw new BadRecordException(RejectReason.NOT_AN_INTEGER, field, field + " is not a whole number: " + value);
        }
        return tokens((long) Math.min(value, Long.MAX_VALUE), value > MAX_TOKENS ? shortNumber(value) : null, field);
    }

    /** A token count at most {@link #MAX_TOKENS}; {@code shown} is how to print it when it is beyond. */
    static long tokens(long value, String shown, String field) throws BadRecordException {
        if (value < 0) {
            throw new BadRecordException(RejectReason.NEGATIVE_NUMBER, field, field + " is negative: " + value);
        }
        if (value > MAX_TOKENS) {
            throw new BadRecordException(RejectReason.OUT_OF_RANGE, field, field + " is "
                    + (shown == null ? Long.toString(value) : shown) + ", beyond the bound of 100,000,000 tokens per request");
        }
        return value;
    }

    /** A number short enough for a message: 1e308 stays {@code 1.0E308}, not 309 digits. */
    static String shortNumber(double value) {
        return Math.abs(value) < 1e15 && value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Epoch seconds, possibly fractional, to an instant with microsecond precision, within the sane range. */
    static Instant epochSeconds(double seconds, String field) throws BadRecordException {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field, field + " is " + seconds);
        }
        if (seconds < EARLIEST.getEpochSecond() || seconds >= LATEST.getEpochSecond()) {
            throw outOfRange(field, shortNumber(seconds) + " epoch seconds", unitHint(seconds));
        }
        long whole = (long) Math.floor(seconds);
        long micros = Math.round((seconds - whole) * 1_000_000d);
        return Instant.ofEpochSecond(whole, micros * 1000L);
    }

    /** Epoch nanoseconds (OTLP) to an instant within the sane range. */
    static Instant epochNanos(long nanos, String field) throws BadRecordException {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            // nanoseconds of a sane date are 9.5e17..4.1e18: a smaller count is in a coarser unit
            String hint = nanos >= 946_684_800_000_000L ? " (epoch microseconds where nanoseconds belong?)"
                    : nanos >= 946_684_800_000L ? " (epoch milliseconds where nanoseconds belong?)"
                    : nanos >= 946_684_800L ? " (epoch seconds where nanoseconds belong?)" : "";
            throw outOfRange(field, nanos + " epoch nanoseconds (" + instant + ")", hint);
        }
        return instant;
    }

    /** {@code instant} if it is within the sane range. */
    static Instant checkRange(Instant instant, String field) throws BadRecordException {
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw outOfRange(field, instant.toString(), "");
        }
        return instant;
    }

    private static String unitHint(double seconds) {
        double s = Math.abs(seconds);
        if (s >= 9.4e17 && s < 4.2e18) {
            return " (it looks like epoch nanoseconds; epoch seconds are expected)";
        }
        if (s >= 9.4e14 && s < 4.2e15) {
            return " (it looks like epoch microseconds; epoch seconds are expected)";
        }
        if (s >= 9.4e11 && s < 4.2e12) {
            return " (it looks like epoch milliseconds; epoch seconds are expected)";
        }
        return "";
    }

    private static BadRecordException outOfRange(String field, String shown, String hint) {
        return new BadRecordException(RejectReason.BAD_TIMESTAMP, field, field + " is " + shown
                + ", outside the range " + EARLIEST + " .. " + LATEST + hint);
    }

    /** ISO-8601 with an offset or {@code Z}; a local time without offset is ambiguous and rejected. */
    static Instant isoInstant(String text, String field) throws BadRecordException {
        Instant parsed = isoInstantOrNull(text);
        if (parsed == null) {
            throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field,
                    field + " is not ISO-8601 with an offset or epoch seconds: '" + abbreviate(text) + "'");
        }
        return checkRange(parsed, field);
    }

    /** ISO-8601 with an offset or {@code Z}, not range-checked; {@code null} when it is not that. */
    static Instant isoInstantOrNull(String text) {
        Instant fast = simpleIsoInstant(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The common shape {@code 2026-11-16T00:00:01.710Z} (or with {@code ±HH:MM}) without the general formatter, which
     * is a large share of parsing time; {@code null} for anything else (the formatter then decides, so what is
     * accepted and rejected does not change).
     */
    static Instant simpleIsoInstant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, as java.time computes it). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
