package dev.easel.adapter.poll;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@link Timers} on virtual time, for tests: a timer fires only when the test fires it, and
 * firing moves the {@link VirtualClock} to the timer's due time. As on Vert.x, a handler
 * runs on the context that armed its timer; the test thread waits until it has returned, so
 * whatever the handler does synchronously (the next timer, a check's request) is done when
 * {@code fire} returns.
 *
 * <p>Real time appears only as a bound on how long the test thread waits for the code under
 * test to arm a timer or finish (an HTTP answer from a stub); it never decides an outcome.
 */
public final class VirtualTimers implements Timers {

    /** The longest a test waits, in real time, for something to happen. */
    private static final long PATIENCE_MS = 10_000;

    private record Armed(long id, long due, Handler<Long> handler, Context context) {
    }

    private final VirtualClock clock;
    private final Map<Long, Armed> pending = new LinkedHashMap<>();
    private final List<Long> fired = new ArrayList<>();
    private long nextId = 1;

    public VirtualTimers(VirtualClock clock) {
        this.clock = clock;
    }

    public VirtualClock clock() {
        return clock;
    }

    @Override
    public synchronized long setTimer(long delayMs, Handler<Long> handler) {
        if (delayMs < 1) {
            throw new IllegalArgumentException("Vert.x refuses a delay below 1 ms, got " + delayMs);
        }
        long id = nextId++;
        pending.put(id, new Armed(id, clock.millis() + delayMs, handler, Vertx.currentContext()));
        notifyAll();
        return id;
    }

    @Override
    public synchronized boolean cancelTimer(long id) {
        boolean was = pending.remove(id) != null;
        notifyAll();
        return was;
    }

    /** How many timers are armed and neither fired nor cancelled. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** The virtual times (epoch millis) at which timers fired, in order. */
    public synchronized List<Long> firedAt() {
        return List.copyOf(fired);
    }

    /** Waits for a timer to be armed, fires the earliest, and returns when it fired. */
    public Instant fireNext() {
        Armed next = awaitEarliest(() -> false, Long.MAX_VALUE);
        if (next == null) {
            throw new AssertionError("no timer was armed");
        }
        fire(next);
        return Instant.ofEpochMilli(next.due());
    }

    /** Fires every timer due up to {@code duration} from now, in order, then sets the clock there. */
    public void advance(Duration duration) {
        long until = clock.millis() + duration.toMillis();
        while (true) {
            Armed next;
            synchronized (this) {
                next = earliest();
            }
            if (next == null || next.due() > until) {
                break;
            }
            fire(next);
        }
        clock.moveTo(until);
    }

    /**
     * Fires timers due before {@code before}, each as soon as it is the earliest armed one,
     * until {@code result} completes, and returns it. Timers due at or after {@code before}
     * are left alone: with {@code before} = the job's deadline, these are the poller's
     * deadline guards, which must not fire while a check is merely in flight.
     */
    public <T> Future<T> runUntilDone(Future<T> result, Instant before) {
        result.onComplete(ignored -> wake());
        runUntil(result::isComplete, before);
        return result;
    }

    /** As {@link #runUntilDone}, until {@code done} holds (it is checked after each timer fired). */
    public void runUntil(BooleanSupplier done, Instant before) {
        while (true) {
            Armed next = awaitEarliest(done, before.toEpochMilli());
            if (next == null) {
                return;
            }
            fire(next);
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    /** The earliest timer due before {@code beforeMillis}, once there is one, or null once {@code done} holds. */
    private synchronized Armed awaitEarliest(BooleanSupplier done, long beforeMillis) {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (true) {
            if (done.getAsBoolean()) {
                return null;
            }
            Armed next = earliest();
            if (next != null && next.due() < beforeMillis) {
                return next;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(giveUp - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("nothing happened within " + PATIENCE_MS + " ms (real time); armed: "
                        + pending.values().stream().map(a -> a.due() - clock.millis() + " ms").toList());
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Armed earliest() {
        return pending.values().stream().min(Comparator.comparingLong(Armed::due).thenComparingLong(Armed::id))
                .orElse(null);
    }

    private void fire(Armed timer) {
        clock.moveTo(timer.due());
        CompletableFuture<Void> ran = new CompletableFuture<>();
        Runnable body = () -> {
            boolean live;
            synchronized (this) {
                live = pending.remove(timer.id()) != null;
                if (live) {
                    fired.add(timer.due());
                }
            }
            try {
                if (live) {
                    timer.handler().handle(timer.id());
                }
                ran.complete(null);
            } catch (RuntimeException | Error e) {
                ran.completeExceptionally(e);
            }
        };
        if (timer.context() == null) {
            body.run();
        } else {
            timer.context().runOnContext(v -> body.run());
        }
        try {
            ran.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a timer handler failed", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("a timer handler did not return", e);
        }
    }
}
