package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void should_read_seconds_or_an_http_date_when_header_is_present() {
        assertThat(RetryAfter.parse("1.5", CLOCK)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 00:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 31 Dec 2024 23:59:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void should_give_null_when_header_is_absent_negative_or_unreadable() {
        assertThat(RetryAfter.parse(null, CLOCK)).isNull();
        assertThat(RetryAfter.parse(" ", CLOCK)).isNull();
        assertThat(RetryAfter.parse("-1", CLOCK)).isNull();
        assertThat(RetryAfter.parse("soon", CLOCK)).isNull();
    }

    @Test
    void should_keep_the_wait_only_when_provider_is_busy_or_overloaded() {
        Duration wait = Duration.ofSeconds(3);

        assertThat(RetryAfter.relevant(ErrorKind.RATE_LIMITED, wait)).isEqualTo(wait);
        assertThat(RetryAfter.relevant(ErrorKind.UNAVAILABLE, wait)).isEqualTo(wait);
        assertThat(RetryAfter.relevant(ErrorKind.QUOTA, wait)).isNull();
        assertThat(RetryAfter.relevant(ErrorKind.INVALID_REQUEST, wait)).isNull();
    }
}
