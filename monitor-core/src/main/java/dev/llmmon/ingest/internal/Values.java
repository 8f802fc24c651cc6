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

    static double nonNegative(double value, String field) throws BadRecordException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new BadRecordException(RejectReason.NOT_FINITE, field, field + " is " + value);
        }
        if (value < 0) {
            throw new BadRecordException(RejectReason.NEGATIVE_NUMBER, field, field + " is negative: " + value);
        }
        return value;
    }

    static long nonNegativeWhole(double value, String field) throws BadRecordException {
        nonNegative(value, field);
        if (value != Math.rint(value) || value > Long.MAX_VALUE) {
            throw new BadRecordException(RejectReason.NOT_AN_INTEGER, field, field + " is not a whole number: " + value);
        }
        return (long) value;
    }

    /** Epoch seconds, possibly fractional, to an instant with microsecond precision. */
    static Instant epochSeconds(double seconds, String field) throws BadRecordException {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field, field + " is " + seconds);
        }
        long whole = (long) Math.floor(seconds);
        long micros = Math.round((seconds - whole) * 1_000_000d);
        return Instant.ofEpochSecond(whole, micros * 1000L);
    }

    /** ISO-8601 with an offset or {@code Z}; a local time without offset is ambiguous and rejected. */
    static Instant isoInstant(String text, String field) throws BadRecordException {
        Instant fast = simpleIsoInstant(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field,
                    field + " is not ISO-8601 with an offset or epoch seconds: '" + abbreviate(text) + "'");
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
