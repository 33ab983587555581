package dev.easel.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MemoryIdempotencyStoreTest {

    private static final Fingerprint FP = new Fingerprint("fp");

    private final AtomicLong nanos = new AtomicLong();
    private final MemoryIdempotencyStore<String> store =
            new MemoryIdempotencyStore<>(Duration.ofHours(24), 1 << 20, String::length, nanos::get);
    private final AtomicInteger runs = new AtomicInteger();

    private Future<String> work() {
        return Future.succeededFuture("image-" + runs.incrementAndGet());
    }

    private Future<String> execute(String key, Fingerprint fp, Supplier<Future<String>> work) {
        return Idempotent.execute(store, key, fp, Instant.MAX, work);
    }

    @Test
    void should_replay_the_first_result_when_the_same_key_and_body_come_again() {
        Future<String> first = execute("k1", FP, this::work);
        Future<String> second = execute("k1", FP, this::work);

        assertThat(first.result()).isEqualTo("image-1");
        assertThat(second.result()).isEqualTo("image-1");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_share_one_generation_when_two_duplicates_are_in_flight() {
        Promise<String> slow = Promise.promise();
        Future<String> first = execute("k1", FP, () -> {
            runs.incrementAndGet();
            return slow.future();
        });
        Future<String> second = execute("k1", FP, this::work);
        assertThat(second.isComplete()).isFalse();

        slow.complete("image-A");

        assertThat(first.result()).isEqualTo("image-A");
        assertThat(second.result()).isEqualTo("image-A");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_fail_with_409_when_the_key_comes_with_another_body() {
        execute("scope-hash:k1", new Fingerprint("fp-1"), this::work);

        Future<String> other = execute("scope-hash:k1", new Fingerprint("fp-2"), this::work);

        assertThat(other.failed()).isTrue();
        ApiException e = (ApiException) other.cause();
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.type()).isEqualTo("invalid_request_error");
        assertThat(e.code()).isEqualTo("idempotency_key_reused");
        assertThat(e.getMessage()).contains("'k1'").doesNotContain("scope-hash");
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_run_again_when_the_first_attempt_failed() {
        Future<String> failed = execute("k1", FP, () -> Future.failedFuture(new IllegalStateException("down")));

        Future<String> retry = execute("k1", FP, this::work);

        assertThat(failed.failed()).isTrue();
        assertThat(retry.result()).isEqualTo("image-1");
    }

    @Test
    void should_share_the_failure_when_a_duplicate_waited_on_it() {
        Promise<String> slow = Promise.promise();
        Future<String> first = execute("k1", FP, slow::future);
        Future<String> waiting = execute("k1", FP, this::work);

        slow.fail(new IllegalStateException("down"));

        assertThat(first.failed()).isTrue();
        assertThat(waiting.cause()).hasMessage("down");
        assertThat(runs).hasValue(0);
    }

    @Test
    void should_fail_instead_of_throwing_when_work_throws() {
        Future<String> f = execute("k1", FP, () -> {
            throw new IllegalArgumentException("bad");
        });

        assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(execute("k1", FP, this::work).result()).isEqualTo("image-1");
    }

    @Test
    void should_run_again_when_the_ttl_passed() {
        execute("k1", FP, this::work);
        nanos.addAndGet(Duration.ofHours(24).plusSeconds(1).toNanos());

        assertThat(execute("k1", FP, this::work).result()).isEqualTo("image-2");
    }

    @Test
    void should_give_the_same_fingerprint_when_only_key_order_differs() {
        JsonObject a = new JsonObject("{\"prompt\":\"fox\",\"n\":2,\"provider_options\":{\"fal\":{\"x\":1,\"y\":[{\"b\":1,\"a\":2}]}}}");
        JsonObject b = new JsonObject("{\"provider_options\":{\"fal\":{\"y\":[{\"a\":2,\"b\":1}],\"x\":1}},\"n\":2,\"prompt\":\"fox\"}");
        JsonObject c = new JsonObject("{\"prompt\":\"fox\",\"n\":3}");

        assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b));
        assertThat(Fingerprint.of(a).hex()).hasSize(64);
        assertThat(Fingerprint.of(a)).isNotEqualTo(Fingerprint.of(c));
    }

    @Test
    void should_tell_bodies_apart_when_only_an_input_image_differs() {
        JsonObject body = new JsonObject().put("prompt", "make it blue");

        Fingerprint one = Fingerprint.builder(body).part("image", new byte[] {1, 2, 3}).build();
        Fingerprint same = Fingerprint.builder(body).part("image", new byte[] {1, 2, 3}).build();
        Fingerprint other = Fingerprint.builder(body).part("image", new byte[] {1, 2, 4}).build();
        Fingerprint shifted = Fingerprint.builder(body).part("image", new byte[] {1, 2}).part("mask", new byte[] {3}).build();

        assertThat(one).isEqualTo(same).isNotEqualTo(other).isNotEqualTo(shifted).isNotEqualTo(Fingerprint.of(body));
    }

    @Test
    void should_evict_the_oldest_answers_when_ten_of_5_mb_exceed_a_20_mb_bound() {
        MemoryIdempotencyStore<StoredAnswer> bounded =
                new MemoryIdempotencyStore<>(Duration.ofHours(24), 20L << 20, StoredAnswer::bytes, nanos::get);
        for (int i = 0; i < 10; i++) {
            int index = i;
            Idempotent.execute(bounded, "k" + i, FP, Instant.MAX, () -> Future.succeededFuture(answer(index, 5 << 20)));
        }

        AtomicInteger reran = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            int index = i;
            StoredAnswer replay = Idempotent.execute(bounded, "k" + i, FP, Instant.MAX, () -> {
                reran.incrementAndGet();
                return Future.succeededFuture(answer(100 + index, 1));
            }).result();
            // Three 5 MB answers (plus their small headers) fit under 20 MB: the last three survive.
            assertThat(replay.model()).isEqualTo(i >= 7 ? "m" + i : "m" + (100 + i));
        }
        assertThat(reran).hasValue(7);
    }

    @Test
    void should_hand_out_but_not_keep_an_answer_larger_than_the_whole_bound() {
        MemoryIdempotencyStore<StoredAnswer> bounded =
                new MemoryIdempotencyStore<>(Duration.ofHours(24), 1L << 20, StoredAnswer::bytes, nanos::get);

        StoredAnswer first = Idempotent.execute(bounded, "k", FP, Instant.MAX,
                () -> Future.succeededFuture(answer(1, 2 << 20))).result();
        StoredAnswer second = Idempotent.execute(bounded, "k", FP, Instant.MAX,
                () -> Future.succeededFuture(answer(2, 10))).result();

        assertThat(first.model()).isEqualTo("m1");
        assertThat(second.model()).isEqualTo("m2");
        assertThat(bounded.size()).isEqualTo(1);
    }

    private static StoredAnswer answer(int i, int bytes) {
        return new StoredAnswer("p", "m" + i, 1, Buffer.buffer(new byte[bytes]));
    }
}
