package dev.llmmon.internal.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3). */
public final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * The wait the server asked for: delta seconds or an HTTP date ({@code now} is the present, a past date means no
     * wait); {@code null} when the header is absent or unreadable, so the caller falls back to its own back-off.
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeException notDate) {
                return null;
            }
        }
    }
}
