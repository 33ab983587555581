package dev.easel.gateway.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The named worker pool for image decoding and encoding, and the turns that keep image
 * memory bounded. At most {@code threads + queue} images are being fetched, decoded or
 * encoded at once; everything else waits for a turn holding no image bytes it did not
 * already have (a provider URL waits as a URL). Waiting work is never refused: capacity is
 * refused once, at the door ({@link Admission}), before a provider is paid.
 *
 * <p>Turns that finish a request ({@link Turn#FINISH}) go before turns that start an
 * image ({@link Turn#START}), so images already in memory leave before new ones come in.
 */
public final class WorkerPool implements AutoCloseable {

    /** Which line a piece of work waits in. */
    public enum Turn { START, FINISH }

    /** Task-time buckets: a small JPEG takes ms, a 4096px WebP seconds. */
    private static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final Vertx vertx;
    private final WorkerExecutor executor;
    private final int turns;
    private final ArrayDeque<Runnable> finishing = new ArrayDeque<>();
    private final ArrayDeque<Runnable> starting = new ArrayDeque<>();
    private int running;
    private final AtomicInteger onThread = new AtomicInteger();
    private final Map<WorkKind, Timer> taskTimes = new EnumMap<>(WorkKind.class);
    private final Timer turnWait;

    public WorkerPool(Vertx vertx, String name, int threads, int queue) {
        this(vertx, name, threads, queue, new SimpleMeterRegistry());
    }

    /** With {@code meters}: turn wait, task time by kind, and running/waiting gauges. */
    public WorkerPool(Vertx vertx, String name, int threads, int queue, MeterRegistry meters) {
        this.vertx = vertx;
        // Image work on a 4096px image can take seconds; raise the blocked-thread warning accordingly.
        this.executor = vertx.createSharedWorkerExecutor(name, threads, 60, TimeUnit.SECONDS);
        this.turns = threads + queue;
        for (WorkKind kind : WorkKind.values()) {
            taskTimes.put(kind, Timer.builder("easel_worker_task_seconds").description("Image work on a worker thread, by kind")
                    .tag("kind", kind.label()).serviceLevelObjectives(BUCKETS).register(meters));
        }
        this.turnWait = Timer.builder("easel_worker_queue_wait_seconds")
                .description("Time image work waited for a turn")
                .serviceLevelObjectives(BUCKETS).register(meters);
        Gauge.builder("easel_worker_tasks_running", onThread, AtomicInteger::get)
                .description("Image tasks on a worker thread now").register(meters);
        Gauge.builder("easel_worker_tasks_queued", this, WorkerPool::waiting)
                .description("Image work waiting for a turn (never refused)").register(meters);
        Gauge.builder("easel_worker_capacity", () -> turns)
                .description("Threads plus queue: images fetched, decoded or encoded at once").register(meters);
    }

    public WorkerExecutor executor() {
        return executor;
    }

    /**
     * Runs {@code work} when a turn is free; the turn is held until its future completes.
     * The work starts on the caller's context, whichever thread frees the turn.
     */
    public <T> Future<T> inTurn(Turn turn, Supplier<Future<T>> work) {
        Context context = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        long queuedAt = System.nanoTime();
        Runnable start = () -> context.runOnContext(v -> {
            turnWait.record(System.nanoTime() - queuedAt, TimeUnit.NANOSECONDS);
            Future<T> f;
            try {
                f = work.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(r -> {
                release();
                promise.handle(r);
            });
        });
        boolean now;
        synchronized (this) {
            now = running < turns;
            if (now) {
                running++;
            } else {
                (turn == Turn.FINISH ? finishing : starting).add(start);
            }
        }
        if (now) {
            start.run();
        }
        return promise.future();
    }

    /**
     * Blocking work on a worker thread, inside a turn the caller already holds.
     *
     * @param kind what the task does, for its timer
     */
    public <T> Future<T> run(WorkKind kind, Callable<T> task) {
        Timer taskTime = taskTimes.get(kind);
        return executor.executeBlocking(() -> {
            onThread.incrementAndGet();
            long startedAt = System.nanoTime();
            try {
                return task.call();
            } finally {
                taskTime.record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
                onThread.decrementAndGet();
            }
        }, false);
    }

    /** Blocking work that finishes a request, in its own turn. */
    public <T> Future<T> submit(WorkKind kind, Callable<T> task) {
        return inTurn(Turn.FINISH, () -> run(kind, task));
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = finishing.poll();
            if (next == null) {
                next = starting.poll();
            }
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Images being fetched, decoded or encoded, plus those waiting for a turn. */
    public synchronized int inFlight() {
        return running + finishing.size() + starting.size();
    }

    public synchronized int waiting() {
        return finishing.size() + starting.size();
    }

    @Override
    public void close() {
        executor.close();
    }
}
