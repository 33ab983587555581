package dev.easel.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalConcurrencySlotsTest {

    private final Vertx vertx = Vertx.vertx();
    private final LocalConcurrencySlots slots = new LocalConcurrencySlots(vertx, Clock.systemUTC());
    private final Route limited = withSlots(1);

    private static Route withSlots(int max) {
        Route r = Fixtures.route("bfl", "flux-2-pro", 0, 1);
        return new Route(r.modelId(), r.provider(), r.providerModel(), r.priority(), r.weight(), r.pricePerImage(),
                r.capabilities(), true, null, max);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static Instant in(long ms) {
        return Instant.now().plusMillis(ms);
    }

    @Test
    void should_hand_a_freed_slot_to_the_oldest_waiter_when_all_are_taken() throws Exception {
        ConcurrencySlots.Slot first = slots.acquire(limited, in(10_000), Promise.<Void>promise().future()).result();
        Future<ConcurrencySlots.Slot> second = slots.acquire(limited, in(10_000), Promise.<Void>promise().future());
        Future<ConcurrencySlots.Slot> third = slots.acquire(limited, in(10_000), Promise.<Void>promise().future());
        assertThat(second.isComplete()).isFalse();
        assertThat(slots.waiting(limited.slug())).isEqualTo(2);

        first.release();
        first.release();

        assertThat(second.await(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(third.isComplete()).isFalse();
        assertThat(slots.waiting(limited.slug())).isEqualTo(1);
    }

    @Test
    void should_fail_as_rate_limited_when_no_slot_frees_before_the_deadline() throws Exception {
        slots.acquire(limited, in(10_000), Promise.<Void>promise().future());

        Throwable e = slots.acquire(limited, in(200), Promise.<Void>promise().future())
                .transform(Future::succeededFuture).await(5, TimeUnit.SECONDS).cause();

        assertThat(e).isInstanceOfSatisfying(ProviderException.class, pe -> {
            assertThat(pe.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(pe.getMessage()).contains("bfl/flux-2-pro");
        });
        assertThat(slots.waiting(limited.slug())).isZero();
    }

    @Test
    void should_stop_waiting_when_the_request_is_abandoned() throws Exception {
        slots.acquire(limited, in(10_000), Promise.<Void>promise().future());
        Promise<Void> abandon = Promise.promise();
        Future<ConcurrencySlots.Slot> waiting = slots.acquire(limited, in(10_000), abandon.future());

        abandon.complete();

        assertThat(waiting.transform(Future::succeededFuture).await(5, TimeUnit.SECONDS).cause()).isNotNull();
        assertThat(slots.waiting(limited.slug())).isZero();
    }

    @Test
    void should_never_wait_when_the_route_has_no_limit() {
        Route open = Fixtures.route("fal", "flux", 0, 1);
        for (int i = 0; i < 100; i++) {
            assertThat(slots.acquire(open, in(1), Promise.<Void>promise().future()).result())
                    .isSameAs(ConcurrencySlots.UNLIMITED);
        }
    }
}
