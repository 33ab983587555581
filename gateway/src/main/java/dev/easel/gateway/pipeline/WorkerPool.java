package dev.easel.gateway.pipeline;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The named worker pool for image decoding and encoding, with a bound on waiting work:
 * when {@code threads + queue} tasks are already in flight, new work is refused with 503
 * and {@code Retry-After} instead of queueing without limit.
 */
public final class WorkerPool implements AutoCloseable {

    private final WorkerExecutor executor;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();

    public WorkerPool(Vertx vertx, String name, int threads, int queue) {
        // Image work on a 4096px image can take seconds; raise the blocked-thread warning accordingly.
        this.executor = vertx.createSharedWorkerExecutor(name, threads, 60, TimeUnit.SECONDS);
        this.capacity = threads + queue;
    }

    public WorkerExecutor executor() {
        return executor;
    }

    /** True when new work would be refused; checked before any provider is paid. */
    public boolean saturated() {
        return inFlight.get() >= capacity;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public <T> Future<T> submit(Callable<T> task) {
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            return Future.failedFuture(busy());
        }
        return executor.executeBlocking(task, false).andThen(x -> inFlight.decrementAndGet());
    }

    public static ApiException busy() {
        return ApiErrors.serverBusy("Easel's image workers are all busy; retry shortly.", Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        executor.close();
    }
}
