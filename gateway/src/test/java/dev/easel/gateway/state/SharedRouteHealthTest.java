package dev.easel.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.gateway.routing.LocalRouteHealth;
import dev.easel.gateway.routing.MutableClock;
import dev.easel.gateway.routing.RouteHealth;
import dev.easel.gateway.testing.RedisServerProcess;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared health scripts against a real redis-server: three replicas, each with its own
 * local view and its own clock (one ten minutes ahead), sharing one Redis.
 */
class SharedRouteHealthTest {

    private static final String FAL = "fal/flux-schnell";
    private static final RouteHealth.Settings SETTINGS = new RouteHealth.Settings(5, 20, Duration.ofSeconds(60), 10, 0.5,
            Duration.ofSeconds(30));

    private static RedisServerProcess server;
    private Vertx vertx;
    private final List<Replica> replicas = new ArrayList<>();

    private record Replica(MutableClock clock, SharedRouteHealth health) {
        RouteHealth.Permit permit() {
            RouteHealth.Permit p = health.tryAcquire(FAL);
            return p == null ? health.lastResort(FAL) : p;
        }
    }

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void threeReplicas() {
        vertx = Vertx.vertx();
        String prefix = "t" + UUID.randomUUID() + ":";
        SharedRedis redis = SharedRedis.connect(vertx, server.url(), prefix, "test", Duration.ofSeconds(5));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (Instant clockStart : List.of(start, start, start.plus(Duration.ofMinutes(10)))) {
            MutableClock clock = new MutableClock(clockStart);
            // A refresh period far beyond the test: each test refreshes when it means to.
            replicas.add(new Replica(clock, new SharedRouteHealth(vertx, redis, new LocalRouteHealth(clock, SETTINGS),
                    SETTINGS, List.of(FAL), Duration.ofHours(1))));
        }
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private Replica replica(int i) {
        return replicas.get(i);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(15, TimeUnit.SECONDS);
    }

    private Response fail(Replica r, ErrorKind kind, Duration retryAfter) throws Exception {
        r.health().failed(r.permit(), kind, retryAfter);
        // The same outcome again through the test seam, to wait for Redis's answer.
        return await(r.health().record(FAL, true, kind == ErrorKind.AUTH, retryAfter));
    }

    @Test
    void should_be_open_on_the_third_replica_when_failures_on_two_others_opened_it() throws Exception {
        RouteHealth.Permit a = replica(0).permit();
        for (int i = 0; i < 3; i++) {
            await(replica(0).health().record(FAL, true, false, null));
        }
        Response last = null;
        for (int i = 0; i < 2; i++) {
            last = await(replica(1).health().record(FAL, true, false, null));
        }
        replica(0).health().released(a);
        assertThat(last.get(0).toLong()).isEqualTo(1);
        assertThat(replica(2).health().available(FAL)).isTrue();

        await(replica(2).health().refresh());

        assertThat(replica(2).health().available(FAL)).isFalse();
        assertThat(replica(2).health().snapshot(FAL).state()).isEqualTo(RouteHealth.State.OPEN);
        assertThat(replica(2).health().tryAcquire(FAL)).isNull();
    }

    @Test
    void should_hold_a_retry_after_on_every_replica_when_one_saw_it_whatever_their_clocks_say() throws Exception {
        fail(replica(0), ErrorKind.RATE_LIMITED, Duration.ofSeconds(20));

        await(replica(2).health().refresh());

        // Replica 2's clock is ten minutes ahead: it still keeps the route out for ~20 s of its own time.
        Duration left = replica(2).health().retryAfterRemaining(FAL);
        assertThat(left).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
        assertThat(replica(2).health().available(FAL)).isFalse();
        assertThat(replica(2).health().snapshot(FAL).state()).isEqualTo(RouteHealth.State.CLOSED);
        replica(2).clock().advance(Duration.ofSeconds(21));
        assertThat(replica(2).health().available(FAL)).isTrue();
    }

    @Test
    void should_count_each_failure_once_when_replicas_report_at_the_same_moment() throws Exception {
        List<Future<Response>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(replica(i % 3).health().record(FAL, true, false, null));
        }
        await(Future.join(all));

        List<Long> consecutive = all.stream().map(f -> f.result().get(3).toLong()).sorted().toList();
        assertThat(consecutive).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
        // Opened exactly once (by the fifth): later failures before the cooldown do not push it back.
        long openedByFifth = all.stream().filter(f -> f.result().get(3).toLong() == 5).map(f -> f.result().get(0).toLong()).findFirst().orElseThrow();
        long openByFourth = all.stream().filter(f -> f.result().get(3).toLong() == 4).map(f -> f.result().get(0).toLong()).findFirst().orElseThrow();
        long lastRemaining = all.stream().filter(f -> f.result().get(3).toLong() == 12).map(f -> f.result().get(1).toLong()).findFirst().orElseThrow();
        assertThat(openByFourth).isZero();
        assertThat(openedByFifth).isEqualTo(1);
        assertThat(lastRemaining).isLessThanOrEqualTo(SETTINGS.openFor().toMillis());
    }

    @Test
    void should_open_on_the_failure_rate_of_calls_from_every_replica() throws Exception {
        Response last = null;
        for (int i = 0; i < 10; i++) {
            last = await(replica(i % 3).health().record(FAL, i % 2 == 1, false, null));
        }

        assertThat(last.get(0).toLong()).isEqualTo(1);
        assertThat(last.get(3).toLong()).isEqualTo(1);
    }

    @Test
    void should_close_on_the_other_replicas_when_a_probe_succeeded_on_one() throws Exception {
        for (int i = 0; i < 5; i++) {
            await(replica(0).health().record(FAL, true, false, null));
        }
        await(replica(2).health().refresh());
        assertThat(replica(2).health().snapshot(FAL).state()).isEqualTo(RouteHealth.State.OPEN);

        await(replica(0).health().record(FAL, false, false, null));
        await(replica(2).health().refresh());
        // Its own cooldown still runs: a replica does not cut short what it saw open.
        assertThat(replica(2).health().snapshot(FAL).state()).isEqualTo(RouteHealth.State.OPEN);
        replica(2).clock().advance(SETTINGS.openFor());
        await(replica(2).health().refresh());

        assertThat(replica(2).health().snapshot(FAL).state()).isEqualTo(RouteHealth.State.CLOSED);
        assertThat(replica(2).health().tryAcquire(FAL).probe()).isFalse();
    }
}
