package dev.easel.gateway.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

    private final Vertx vertx;
    private final WorkerExecutor executor;
    private final int turns;
    private final ArrayDeque<Runnable> finishing = new ArrayDeque<>();
    private final ArrayDeque<Runnable> starting = new ArrayDeque<>();
    private int running;

    public WorkerPool(Vertx vertx, String name, int threads, int queue) {
        this.vertx = vertx;
        // Image work on a 4096px image can take seconds; raise the blocked-thread warning accordingly.
        this.executor = vertx.createSharedWorkerExecutor(name, threads, 60, TimeUnit.SECONDS);
        this.turns = threads + queue;
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
        Runnable start = () -> context.runOnContext(v -> {
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

    /** Blocking work on a worker thread, inside a turn the caller already holds. */
    public <T> Future<T> run(Callable<T> task) {
        return executor.executeBlocking(task, false);
    }

    /** Blocking work that finishes a request, in its own turn. */
    public <T> Future<T> submit(Callable<T> task) {
        return inTurn(Turn.FINISH, () -> run(task));
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
