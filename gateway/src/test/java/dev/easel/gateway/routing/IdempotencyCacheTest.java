package dev.easel.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final IdempotencyCache<String> cache = new IdempotencyCache<>(Duration.ofHours(24), 100, nanos::get);
    private final AtomicInteger runs = new AtomicInteger();

    private Future<String> work() {
        return Future.succeededFuture("image-" + runs.incrementAndGet());
    }

    @Test
    void should_replay_the_first_result_when_the_same_key_and_body_come_again() {
        Future<String> first = cache.execute("k1", "fp", this::work);
        Future<String> second = cache.execute("k1", "fp", this::work);

        assertThat(first.result()).isEqualTo("image-1");
        assertThat(second.result()).isEqualTo("image-1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_share_one_generation_when_two_duplicates_are_in_flight() {
        Promise<String> slow = Promise.promise();
        Future<String> first = cache.execute("k1", "fp", () -> {
            runs.incrementAndGet();
            return slow.future();
        });
        Future<String> second = cache.execute("k1", "fp", this::work);
        assertThat(second.isComplete()).isFalse();

        slow.complete("image-A");

        assertThat(first.result()).isEqualTo("image-A");
        assertThat(second.result()).isEqualTo("image-A");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_fail_with_409_when_the_key_comes_with_another_body() {
        cache.execute("k1", "fp-1", this::work);

        Future<String> other = cache.execute("k1", "fp-2", this::work);

        assertThat(other.failed()).isTrue();
        ApiException e = (ApiException) other.cause();
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.type()).isEqualTo("invalid_request_error");
        assertThat(e.code()).isEqualTo("idempotency_key_reused");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_run_again_when_the_first_attempt_failed() {
        Future<String> failed = cache.execute("k1", "fp", () -> Future.failedFuture(new IllegalStateException("down")));

        Future<String> retry = cache.execute("k1", "fp", this::work);

        assertThat(failed.failed()).isTrue();
        assertThat(retry.result()).isEqualTo("image-1");
    }

    @Test
    void should_share_the_failure_when_a_duplicate_waited_on_it() {
        Promise<String> slow = Promise.promise();
        Future<String> first = cache.execute("k1", "fp", slow::future);
        Future<String> waiting = cache.execute("k1", "fp", this::work);

        slow.fail(new IllegalStateException("down"));

        assertThat(first.failed()).isTrue();
        assertThat(waiting.cause()).hasMessage("down");
        assertThat(runs).hasValue(0);
    }

    @Test
    void should_fail_instead_of_throwing_when_work_throws() {
        Future<String> f = cache.execute("k1", "fp", () -> {
            throw new IllegalArgumentException("bad");
        });

        assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.execute("k1", "fp", this::work).result()).isEqualTo("image-1");
    }

    @Test
    void should_run_again_when_the_ttl_passed() {
        cache.execute("k1", "fp", this::work);
        nanos.addAndGet(Duration.ofHours(24).plusSeconds(1).toNanos());

        assertThat(cache.execute("k1", "fp", this::work).result()).isEqualTo("image-2");
    }

    @Test
    void should_give_the_same_fingerprint_when_only_key_order_differs() {
        JsonObject a = new JsonObject("{\"prompt\":\"fox\",\"n\":2,\"provider_options\":{\"fal\":{\"x\":1,\"y\":[{\"b\":1,\"a\":2}]}}}");
        JsonObject b = new JsonObject("{\"provider_options\":{\"fal\":{\"y\":[{\"a\":2,\"b\":1}],\"x\":1}},\"n\":2,\"prompt\":\"fox\"}");
        JsonObject c = new JsonObject("{\"prompt\":\"fox\",\"n\":3}");

        assertThat(IdempotencyCache.fingerprint(a)).isEqualTo(IdempotencyCache.fingerprint(b)).hasSize(64);
        assertThat(IdempotencyCache.fingerprint(a)).isNotEqualTo(IdempotencyCache.fingerprint(c));
    }
}
