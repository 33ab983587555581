package dev.easel.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.testing.Eventually;
import dev.easel.gateway.testing.RedisServerProcess;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idempotency scripts against a real redis-server, with two stores standing for two replicas. */
class RedisIdempotencyStoreTest {

    private static RedisServerProcess server;
    private final List<Vertx> vertxes = new ArrayList<>();
    private String prefix;
    private RedisIdempotencyStore a;
    private RedisIdempotencyStore b;
    private final Fingerprint fp = new Fingerprint("fp-1");

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    @BeforeEach
    void replicas() {
        prefix = "t" + UUID.randomUUID() + ":";
        a = store(Duration.ofHours(1), RedisIdempotencyStore.LEASE);
        b = store(Duration.ofHours(1), RedisIdempotencyStore.LEASE);
    }

    @AfterEach
    void close() throws Exception {
        for (Vertx v : vertxes) {
            v.close().await(10, TimeUnit.SECONDS);
        }
    }

    private RedisIdempotencyStore store(Duration ttl, Duration lease) {
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        return new RedisIdempotencyStore(vertx, SharedRedis.connect(vertx, server.url(), prefix, "test", Duration.ofSeconds(5)), ttl, lease,
                Clock.systemUTC());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(15, TimeUnit.SECONDS);
    }

    private static StoredAnswer answer(String body) {
        return new StoredAnswer("fal", "flux-schnell", 2, Buffer.buffer(body));
    }

    @Test
    void should_let_exactly_one_claim_win_when_twenty_race_from_two_replicas() throws Exception {
        List<Future<IdempotencyClaim<StoredAnswer>>> claims = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            claims.add((i % 2 == 0 ? a : b).claim("scope:race", fp));
        }
        await(Future.join(claims));

        long won = claims.stream().filter(c -> c.result() instanceof IdempotencyClaim.Won).count();
        long pending = claims.stream().filter(c -> c.result() instanceof IdempotencyClaim.Pending).count();
        assertThat(won).isEqualTo(1);
        assertThat(pending).isEqualTo(19);
    }

    @Test
    void should_hand_the_holders_answer_to_a_waiter_on_another_replica() throws Exception {
        IdempotencyClaim.Won<StoredAnswer> won = (IdempotencyClaim.Won<StoredAnswer>) await(a.claim("scope:k", fp));
        IdempotencyClaim.Pending<StoredAnswer> pending = (IdempotencyClaim.Pending<StoredAnswer>) await(b.claim("scope:k", fp));
        assertThat(pending.local()).isNull();
        Future<IdempotencyClaim<StoredAnswer>> waiting = b.replay(pending, Instant.now().plusSeconds(10));
        assertThat(waiting.isComplete()).isFalse();

        await(a.complete(won, answer("{\"data\":[1]}")));

        StoredAnswer replayed = ((IdempotencyClaim.Done<StoredAnswer>) await(waiting)).answer();
        assertThat(replayed.body().toString()).isEqualTo("{\"data\":[1]}");
        assertThat(replayed.provider()).isEqualTo("fal");
        assertThat(replayed.attempts()).isEqualTo(2);
        assertThat(await(b.claim("scope:k", fp))).isInstanceOf(IdempotencyClaim.Done.class);
    }

    @Test
    void should_share_one_local_future_when_the_holder_is_on_the_same_replica() throws Exception {
        IdempotencyClaim.Won<StoredAnswer> won = (IdempotencyClaim.Won<StoredAnswer>) await(a.claim("scope:k", fp));
        IdempotencyClaim.Pending<StoredAnswer> pending = (IdempotencyClaim.Pending<StoredAnswer>) await(a.claim("scope:k", fp));

        assertThat(pending.local()).isNotNull();
        a.complete(won, answer("same"));
        assertThat(((IdempotencyClaim.Done<StoredAnswer>) await(a.replay(pending, Instant.MAX))).answer().body().toString())
                .isEqualTo("same");
    }

    @Test
    void should_answer_409_when_the_key_comes_back_with_another_body() throws Exception {
        await(a.claim("scope:order-7", fp));

        Future<IdempotencyClaim<StoredAnswer>> other = b.claim("scope:order-7", new Fingerprint("fp-2"));

        ApiException e = (ApiException) other.transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("idempotency_key_reused");
        assertThat(e.getMessage()).contains("'order-7'").doesNotContain("scope");
    }

    @Test
    void should_share_the_failure_with_waiters_and_run_again_for_a_later_request() throws Exception {
        IdempotencyClaim.Won<StoredAnswer> won = (IdempotencyClaim.Won<StoredAnswer>) await(a.claim("scope:k", fp));
        Future<IdempotencyClaim<StoredAnswer>> waiting =
                b.replay((IdempotencyClaim.Pending<StoredAnswer>) await(b.claim("scope:k", fp)), Instant.now().plusSeconds(10));

        await(a.fail(won, ApiErrors.shared(502, "api_error", "all_providers_exhausted", null, "every candidate failed",
                null, Map.of("attempts", List.of(Map.of("provider", "fal", "status", "failed"))))));

        ApiException shared = (ApiException) waiting.transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
        assertThat(shared.status()).isEqualTo(502);
        assertThat(shared.code()).isEqualTo("all_providers_exhausted");
        assertThat(shared.metadata()).containsKey("attempts");
        assertThat(await(b.claim("scope:k", fp))).isInstanceOf(IdempotencyClaim.Won.class);
    }

    @Test
    void should_let_a_waiter_take_over_when_the_holder_died_and_its_lease_ran_out() throws Exception {
        RedisIdempotencyStore dying = store(Duration.ofHours(1), Duration.ofMillis(300));
        await(dying.claim("scope:k", fp));
        // The replica dies: its renew timer stops with its Vert.x.
        vertxes.get(vertxes.size() - 1).close().await(10, TimeUnit.SECONDS);
        IdempotencyClaim<StoredAnswer> seen = await(b.claim("scope:k", fp));
        assertThat(seen).isInstanceOf(IdempotencyClaim.Pending.class);

        IdempotencyClaim<StoredAnswer> after = await(b.replay((IdempotencyClaim.Pending<StoredAnswer>) seen,
                Instant.now().plusSeconds(10)));

        assertThat(after).isInstanceOf(IdempotencyClaim.Won.class);
    }

    @Test
    void should_keep_a_live_holders_claim_beyond_its_lease_by_renewing_it() throws Exception {
        RedisIdempotencyStore holder = store(Duration.ofHours(1), Duration.ofMillis(300));
        IdempotencyClaim.Won<StoredAnswer> won = (IdempotencyClaim.Won<StoredAnswer>) await(holder.claim("scope:k", fp));
        Promise<Void> later = Promise.promise();
        vertxes.get(0).setTimer(1_000, id -> later.complete());
        await(later.future());

        assertThat(await(b.claim("scope:k", fp))).isInstanceOf(IdempotencyClaim.Pending.class);
        holder.complete(won, answer("x"));
    }

    @Test
    void should_give_up_waiting_with_504_when_the_waiters_deadline_passes() throws Exception {
        await(a.claim("scope:k", fp));

        Future<IdempotencyClaim<StoredAnswer>> waiting =
                b.replay((IdempotencyClaim.Pending<StoredAnswer>) await(b.claim("scope:k", fp)), Instant.now().plusMillis(300));

        ApiException e = (ApiException) waiting.transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
        assertThat(e.status()).isEqualTo(504);
    }

    @Test
    void should_forget_the_answer_when_its_ttl_ran_out() throws Exception {
        RedisIdempotencyStore shortLived = store(Duration.ofMillis(200), RedisIdempotencyStore.LEASE);
        IdempotencyClaim.Won<StoredAnswer> won = (IdempotencyClaim.Won<StoredAnswer>) await(shortLived.claim("scope:k", fp));
        await(shortLived.complete(won, answer("x")));
        assertThat(await(b.claim("scope:k", fp))).isInstanceOf(IdempotencyClaim.Done.class);

        Eventually.holds("the answer expires", Duration.ofSeconds(5), () -> {
            try {
                return await(b.claim("scope:k", fp)) instanceof IdempotencyClaim.Won;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void should_refuse_with_503_while_redis_is_down_and_recover_when_it_returns() throws Exception {
        try (RedisServerProcess own = RedisServerProcess.start()) {
            Vertx vertx = Vertx.vertx();
            vertxes.add(vertx);
            SharedRedis redis = SharedRedis.connect(vertx, own.url(), prefix, "test", Duration.ofSeconds(5));
            RedisIdempotencyStore store = new RedisIdempotencyStore(vertx, redis, Duration.ofHours(1), Clock.systemUTC());
            assertThat(await(store.claim("scope:k1", fp))).isInstanceOf(IdempotencyClaim.Won.class);

            own.stop();
            ApiException down = (ApiException) store.claim("scope:k2", fp).transform(Future::succeededFuture)
                    .await(10, TimeUnit.SECONDS).cause();
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.code()).isEqualTo("idempotency_unavailable");
            assertThat(redis.up()).isFalse();

            own.restart();
            Eventually.holds("Redis is seen again", Duration.ofSeconds(10), redis::up);
            assertThat(await(store.claim("scope:k2", fp))).isInstanceOf(IdempotencyClaim.Won.class);
        }
    }
}
