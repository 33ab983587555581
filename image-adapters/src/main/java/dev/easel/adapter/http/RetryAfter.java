package dev.easel.adapter.http;

import dev.easel.adapter.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** {@code Retry-After}: delta seconds or an HTTP date (RFC 9110 section 10.2.3), and when it counts. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * {@code retryAfter} when it means something to the router, else null: only a busy
     * (RATE_LIMITED) or overloaded (UNAVAILABLE) provider's wait says when to come back.
     */
    public static Duration relevant(ErrorKind kind, Duration retryAfter) {
        return kind == ErrorKind.RATE_LIMITED || kind == ErrorKind.UNAVAILABLE ? retryAfter : null;
    }

    /** The delay asked for, or null when the header is absent or unreadable. */
    public static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
