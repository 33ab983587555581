package dev.easel.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRouteHealthTest {

    private static final String FAL = "fal/flux-schnell";

    private final MutableClock clock = new MutableClock();
    private final LocalRouteHealth health = new LocalRouteHealth(clock, RouteHealth.Settings.DEFAULT);

    private void fail(int times, ErrorKind kind) {
        for (int i = 0; i < times; i++) {
            RouteHealth.Permit p = health.tryAcquire(FAL);
            health.failed(p == null ? health.lastResort(FAL) : p, kind, null);
        }
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            health.succeeded(health.tryAcquire(FAL));
        }
    }

    @Test
    void should_stay_closed_when_failures_are_fewer_than_the_threshold() {
        fail(4, ErrorKind.UNAVAILABLE);

        RouteHealth.Snapshot s = health.snapshot(FAL);
        assertThat(s.state()).isEqualTo(RouteHealth.State.CLOSED);
        assertThat(s.available()).isTrue();
        assertThat(s.consecutiveFailures()).isEqualTo(4);
    }

    @Test
    void should_open_when_five_failures_come_in_a_row() {
        fail(5, ErrorKind.TIMEOUT);

        RouteHealth.Snapshot s = health.snapshot(FAL);
        assertThat(s.state()).isEqualTo(RouteHealth.State.OPEN);
        assertThat(s.available()).isFalse();
        assertThat(s.openUntil()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(health.tryAcquire(FAL)).isNull();
    }

    @Test
    void should_open_when_half_of_the_window_failed_without_a_run_of_five() {
        // 10 calls alternating success and failure: never 5 in a row, but 50% of the window.
        for (int i = 0; i < 5; i++) {
            succeed(1);
            fail(1, ErrorKind.UNAVAILABLE);
        }

        assertThat(health.snapshot(FAL).state()).isEqualTo(RouteHealth.State.OPEN);
    }

    @Test
    void should_not_count_old_calls_when_they_left_the_window() {
        for (int i = 0; i < 4; i++) {
            succeed(1);
            fail(1, ErrorKind.UNAVAILABLE);
        }
        clock.advance(Duration.ofSeconds(61));
        succeed(1);
        fail(1, ErrorKind.UNAVAILABLE);

        RouteHealth.Snapshot s = health.snapshot(FAL);
        assertThat(s.state()).isEqualTo(RouteHealth.State.CLOSED);
        assertThat(s.recentCalls()).isEqualTo(2);
    }

    @Test
    void should_open_at_once_when_the_provider_rejects_the_key() {
        fail(1, ErrorKind.AUTH);

        assertThat(health.snapshot(FAL).state()).isEqualTo(RouteHealth.State.OPEN);
    }

    @Test
    void should_admit_exactly_one_probe_when_the_cooldown_passed() {
        fail(5, ErrorKind.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(29));
        assertThat(health.tryAcquire(FAL)).isNull();
        clock.advance(Duration.ofSeconds(1));

        assertThat(health.available(FAL)).isTrue();
        RouteHealth.Permit probe = health.tryAcquire(FAL);
        assertThat(probe).isNotNull();
        assertThat(probe.probe()).isTrue();
        assertThat(health.tryAcquire(FAL)).isNull();
        assertThat(health.snapshot(FAL).state()).isEqualTo(RouteHealth.State.HALF_OPEN);
    }

    @Test
    void should_close_when_the_probe_succeeds() {
        fail(5, ErrorKind.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(30));

        health.succeeded(health.tryAcquire(FAL));

        RouteHealth.Snapshot s = health.snapshot(FAL);
        assertThat(s.state()).isEqualTo(RouteHealth.State.CLOSED);
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(s.recentFailures()).isZero();
        assertThat(health.tryAcquire(FAL).probe()).isFalse();
    }

    @Test
    void should_reopen_for_another_cooldown_when_the_probe_fails() {
        fail(5, ErrorKind.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(30));

        health.failed(health.tryAcquire(FAL), ErrorKind.UNAVAILABLE, null);

        RouteHealth.Snapshot s = health.snapshot(FAL);
        assertThat(s.state()).isEqualTo(RouteHealth.State.OPEN);
        assertThat(s.openUntil()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(health.tryAcquire(FAL)).isNull();
    }

    @Test
    void should_let_another_probe_through_when_the_probe_was_released() {
        fail(5, ErrorKind.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(30));

        health.released(health.tryAcquire(FAL));

        RouteHealth.Permit again = health.tryAcquire(FAL);
        assertThat(again).isNotNull();
        assertThat(again.probe()).isTrue();
    }

    @Test
    void should_keep_the_route_out_when_the_provider_sent_retry_after() {
        health.failed(health.tryAcquire(FAL), ErrorKind.RATE_LIMITED, Duration.ofSeconds(20));

        assertThat(health.available(FAL)).isFalse();
        assertThat(health.snapshot(FAL).retryAfterUntil()).isEqualTo(clock.instant().plusSeconds(20));
        assertThat(health.snapshot(FAL).state()).isEqualTo(RouteHealth.State.CLOSED);
        clock.advance(Duration.ofSeconds(19));
        assertThat(health.tryAcquire(FAL)).isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.tryAcquire(FAL)).isNotNull();
        assertThat(health.snapshot(FAL).retryAfterUntil()).isNull();
    }

    @Test
    void should_tell_how_long_is_left_when_a_retry_after_runs() {
        assertThat(health.retryAfterRemaining(FAL)).isNull();
        health.failed(health.tryAcquire(FAL), ErrorKind.RATE_LIMITED, Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(5));

        assertThat(health.retryAfterRemaining(FAL)).isEqualTo(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        assertThat(health.retryAfterRemaining(FAL)).isNull();
    }

    @Test
    void should_report_the_later_cooldown_when_both_apply() {
        fail(4, ErrorKind.UNAVAILABLE);
        health.failed(health.tryAcquire(FAL), ErrorKind.RATE_LIMITED, Duration.ofSeconds(90));

        RouteHealth.Snapshot s = health.snapshot(FAL);
        assertThat(s.state()).isEqualTo(RouteHealth.State.OPEN);
        assertThat(s.cooldownUntil()).isEqualTo(clock.instant().plusSeconds(90));
        assertThat(health.snapshot()).containsOnlyKeys(FAL);
    }

    @Test
    void should_report_closed_when_a_route_was_never_called() {
        RouteHealth.Snapshot s = health.snapshot("bfl/flux-2-pro");

        assertThat(s.state()).isEqualTo(RouteHealth.State.CLOSED);
        assertThat(s.available()).isTrue();
        assertThat(s.cooldownUntil()).isNull();
    }
}
