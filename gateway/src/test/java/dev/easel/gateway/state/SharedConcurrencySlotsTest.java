package dev.easel.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Capabilities;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.routing.ConcurrencySlots;
import dev.easel.gateway.routing.LocalConcurrencySlots;
import dev.easel.gateway.testing.RedisServerProcess;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slot script against a real redis-server, with stores standing for replicas. */
class SharedConcurrencySlotsTest {

    private static final Route BFL = new Route("flux-2-pro", "bfl", "flux-2-pro", 0, 1, BigDecimal.ONE,
            new Capabilities(new SizeStyle.AnySize(64, 4096, new Dim(1024, 1024)), 1, List.of("png"), Set.of()), true, null, 2);

    private static RedisServerProcess server;
    private final List<Vertx> vertxes = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void prefix() {
        prefix = "t" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void close() throws Exception {
        for (Vertx v : vertxes) {
            v.close().await(10, TimeUnit.SECONDS);
        }
    }

    private SharedConcurrencySlots replica(Duration lease) {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        return new SharedConcurrencySlots(vertx, SharedRedis.connect(vertx, server.url(), prefix, "test", Duration.ofSeconds(5)),
                new LocalConcurrencySlots(vertx, Clock.systemUTC()), Clock.systemUTC(), lease);
    }

    private static Future<ConcurrencySlots.Slot> take(SharedConcurrencySlots s, long waitMs) {
        return s.acquire(BFL, Instant.now().plusMillis(waitMs), Promise.<Void>promise().future());
    }

    @Test
    void should_let_at_most_max_calls_hold_slots_across_replicas_and_pass_a_freed_one_on() throws Exception {
        SharedConcurrencySlots a = replica(Duration.ofSeconds(15));
        SharedConcurrencySlots b = replica(Duration.ofSeconds(15));
        ConcurrencySlots.Slot one = take(a, 5_000).await(10, TimeUnit.SECONDS);
        take(b, 5_000).await(10, TimeUnit.SECONDS);

        Future<ConcurrencySlots.Slot> third = take(b, 10_000);
        assertThat(b.waiting(BFL.slug())).isEqualTo(1);
        one.release();

        assertThat(third.await(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(b.waiting(BFL.slug())).isZero();
    }

    @Test
    void should_fail_as_rate_limited_when_every_slot_stays_busy_past_the_deadline() throws Exception {
        SharedConcurrencySlots a = replica(Duration.ofSeconds(15));
        SharedConcurrencySlots b = replica(Duration.ofSeconds(15));
        take(a, 5_000).await(10, TimeUnit.SECONDS);
        take(a, 5_000).await(10, TimeUnit.SECONDS);

        Throwable e = take(b, 300).transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();

        assertThat(e).isInstanceOfSatisfying(ProviderException.class,
                pe -> assertThat(pe.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
    }

    @Test
    void should_free_the_slots_of_a_replica_that_died_when_their_leases_run_out() throws Exception {
        SharedConcurrencySlots dying = replica(Duration.ofMillis(400));
        take(dying, 5_000).await(10, TimeUnit.SECONDS);
        take(dying, 5_000).await(10, TimeUnit.SECONDS);
        vertxes.get(0).close().await(10, TimeUnit.SECONDS);
        vertxes.remove(0);
        SharedConcurrencySlots survivor = replica(Duration.ofSeconds(15));

        assertThat(take(survivor, 10_000).await(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void should_keep_a_live_holders_slot_beyond_its_lease_by_renewing_it() throws Exception {
        SharedConcurrencySlots holder = replica(Duration.ofMillis(300));
        take(holder, 5_000).await(10, TimeUnit.SECONDS);
        take(holder, 5_000).await(10, TimeUnit.SECONDS);
        SharedConcurrencySlots other = replica(Duration.ofSeconds(15));

        Throwable e = take(other, 1_200).transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();

        assertThat(e).isInstanceOf(ProviderException.class);
    }
}
