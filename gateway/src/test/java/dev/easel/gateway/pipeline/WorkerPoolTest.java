package dev.easel.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WorkerPoolTest {

    @Test
    void should_refuse_with_503_and_retry_after_when_threads_and_queue_are_full(Vertx vertx) throws Exception {
        try (WorkerPool pool = new WorkerPool(vertx, "test-pool", 1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            Future<String> running = pool.submit(() -> {
                release.await(10, TimeUnit.SECONDS);
                return "first";
            });
            Future<String> queued = pool.submit(() -> "second");

            assertThat(pool.saturated()).isTrue();
            Future<String> refused = pool.submit(() -> "third");
            assertThat(refused.failed()).isTrue();
            assertThat(refused.cause()).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("server_busy");
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            });

            release.countDown();
            assertThat(running.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(pool.inFlight()).isZero();
            assertThat(pool.submit(() -> "again").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo("again");
        }
    }
}
