package dev.llmmon.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Checks shared by every reader, so that all formats reject the same bad values for the same reasons. */
final class Values {
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
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new BadRecordException(RejectReason.BAD_TIMESTAMP, field,
                    field + " is not ISO-8601 with an offset or epoch seconds: '" + abbreviate(text) + "'");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
