package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void should_count_millis_left_when_deadline_is_ahead_or_behind() {
        assertThat(Deadlines.millisLeft(CLOCK, NOW.plusMillis(1500))).isEqualTo(1500);
        assertThat(Deadlines.millisLeft(CLOCK, NOW)).isZero();
        assertThat(Deadlines.millisLeft(CLOCK, NOW.minusMillis(10))).isEqualTo(-10);
    }

    @Test
    void should_give_the_time_left_when_deadline_is_ahead() {
        Future<Long> left = Deadlines.beforeCall(CLOCK, NOW.plusSeconds(2), "p", "the call");

        assertThat(left.succeeded()).isTrue();
        assertThat(left.result()).isEqualTo(2000L);
    }

    @Test
    void should_fail_timeout_without_calling_when_deadline_has_passed() {
        Future<Long> left = Deadlines.beforeCall(CLOCK, NOW, "fal", "submitting");

        assertThat(left.failed()).isTrue();
        ProviderException e = (ProviderException) left.cause();
        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(e.upstreamStatus()).isZero();
        assertThat(e.getMessage()).isEqualTo("fal: the deadline passed before submitting");
    }
}
