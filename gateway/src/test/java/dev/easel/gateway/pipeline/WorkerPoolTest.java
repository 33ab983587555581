package dev.easel.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WorkerPoolTest {

    @Test
    void should_queue_instead_of_refusing_when_every_turn_is_taken(Vertx vertx) throws Exception {
        try (WorkerPool pool = new WorkerPool(vertx, "test-pool", 1, 1)) {
            Promise<String> first = Promise.promise();
            Promise<String> second = Promise.promise();
            Future<String> a = pool.inTurn(WorkerPool.Turn.START, () -> first.future());
            Future<String> b = pool.inTurn(WorkerPool.Turn.START, () -> second.future());
            List<Future<Integer>> more = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                more.add(pool.submit(WorkKind.TRANSCODE, () -> n));
            }

            assertThat(pool.inFlight()).isEqualTo(502);
            assertThat(pool.waiting()).isEqualTo(500);
            assertThat(more).noneMatch(Future::isComplete);

            first.complete("first");
            second.complete("second");
            Future.all(more).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(a.result()).isEqualTo("first");
            assertThat(b.result()).isEqualTo("second");
            assertThat(more.get(499).result()).isEqualTo(499);
            assertThat(pool.inFlight()).isZero();
        }
    }

    @Test
    void should_let_finishing_work_go_before_new_images_when_both_wait(Vertx vertx) throws Exception {
        try (WorkerPool pool = new WorkerPool(vertx, "test-pool", 1, 0)) {
            Promise<Void> holder = Promise.promise();
            pool.inTurn(WorkerPool.Turn.START, () -> holder.future());
            List<String> order = new CopyOnWriteArrayList<>();
            Future<Void> start = pool.inTurn(WorkerPool.Turn.START, () -> {
                order.add("start");
                return Future.succeededFuture();
            });
            Future<Void> finish = pool.inTurn(WorkerPool.Turn.FINISH, () -> {
                order.add("finish");
                return Future.succeededFuture();
            });

            holder.complete();
            Future.all(start, finish).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(order).containsExactly("finish", "start");
        }
    }

    @Test
    void should_give_the_turn_back_when_the_work_throws(Vertx vertx) throws Exception {
        try (WorkerPool pool = new WorkerPool(vertx, "test-pool", 1, 0)) {
            Future<String> failed = pool.inTurn(WorkerPool.Turn.START, () -> {
                throw new IllegalStateException("boom");
            });
            assertThat(failed.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("boom");
            assertThat(pool.submit(WorkKind.TRANSCODE, () -> "next").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo("next");
            assertThat(pool.inFlight()).isZero();
        }
    }
}
