package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WorkerReadsTest {

    private WorkerExecutor worker;

    @BeforeEach
    void setUp(Vertx vertx) {
        worker = vertx.createSharedWorkerExecutor("worker-reads-test");
    }

    @AfterEach
    void tearDown() {
        worker.close();
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void should_give_what_was_read_when_reading_succeeds() throws Exception {
        String thread = WorkerReads.read(worker, "p", 200, "x", () -> Thread.currentThread().getName())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(thread).contains("worker-reads-test");
    }

    @Test
    void should_keep_the_mappers_failure_when_it_is_a_provider_exception() throws Exception {
        ProviderException known = new ProviderException(ErrorKind.NO_IMAGE, "p", 200, "p answered without any image");

        assertThat(failure(WorkerReads.read(worker, "p", 200, "x", () -> {
            throw known;
        }))).isSameAs(known);
    }

    @Test
    void should_fail_upstream_when_reading_fails_unexpectedly() throws Exception {
        Throwable e = failure(WorkerReads.read(worker, "gemini", 200, "a generateContent response", () -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(e).isInstanceOf(ProviderException.class);
        assertThat(((ProviderException) e).kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.getMessage()).isEqualTo("gemini answered a generateContent response Easel cannot read");
    }
}
