package dev.easel.gateway.pipeline;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
    private final int threads;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final MeterRegistry meters;
    private final Timer queueWait;

    public WorkerPool(Vertx vertx, String name, int threads, int queue) {
        this(vertx, name, threads, queue, new SimpleMeterRegistry());
    }

    /** With {@code meters}: queue wait, task time by kind, and running/queued gauges. */
    public WorkerPool(Vertx vertx, String name, int threads, int queue, MeterRegistry meters) {
        // Image work on a 4096px image can take seconds; raise the blocked-thread warning accordingly.
        this.executor = vertx.createSharedWorkerExecutor(name, threads, 60, TimeUnit.SECONDS);
        this.threads = threads;
        this.capacity = threads + queue;
        this.meters = meters;
        this.queueWait = Timer.builder("easel_worker_queue_wait_seconds")
                .description("Time image tasks waited for a worker thread")
                .serviceLevelObjectives(BUCKETS).register(meters);
        Gauge.builder("easel_worker_tasks_running", this, WorkerPool::running)
                .description("Image tasks on a worker thread now").register(meters);
        Gauge.builder("easel_worker_tasks_queued", this, WorkerPool::queued)
                .description("Image tasks waiting for a worker thread").register(meters);
        Gauge.builder("easel_worker_capacity", () -> capacity)
                .description("Threads plus queue: past this new work is refused with 503").register(meters);
    }

    /** Task-time buckets: a small JPEG takes ms, a 4096px WebP seconds. */
    private static final java.time.Duration[] BUCKETS = java.util.stream.Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10000).map(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new);

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

    double running() {
        return Math.min(threads, inFlight.get());
    }

    double queued() {
        return Math.max(0, inFlight.get() - threads);
    }

    public <T> Future<T> submit(Callable<T> task) {
        return submit("other", task);
    }

    /** @param kind a fixed label for the task timer ({@code transcode}, {@code encode_b64}), never user input */
    public <T> Future<T> submit(String kind, Callable<T> task) {
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            return Future.failedFuture(busy());
        }
        Timer taskTime = Timer.builder("easel_worker_task_seconds").description("Image work on a worker thread, by kind")
                .tag("kind", kind).serviceLevelObjectives(BUCKETS).register(meters);
        long queuedAt = System.nanoTime();
        return executor.executeBlocking(() -> {
            long startedAt = System.nanoTime();
            queueWait.record(startedAt - queuedAt, TimeUnit.NANOSECONDS);
            try {
                return task.call();
            } finally {
                taskTime.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
            }
        }, false).andThen(x -> inFlight.decrementAndGet());
    }

    public static ApiException busy() {
        return ApiErrors.serverBusy("Easel's image workers are all busy; retry shortly.", Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        executor.close();
    }
}
