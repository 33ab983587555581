package dev.easel.gateway.testing;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how late the event loops run: a task on every loop of the Vert.x instance asks to
 * run again in {@link #PERIOD_MS} ms and records how much later than that it actually ran.
 * A loop kept busy by CPU work (or blocked) shows up as lateness.
 */
public final class EventLoopLateness implements AutoCloseable {

    static final long PERIOD_MS = 5;

    private final AtomicLong maxLateNanos = new AtomicLong();
    private final List<EventExecutor> loops = new ArrayList<>();
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private volatile boolean running = true;

    public EventLoopLateness(Vertx vertx) {
        ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
        for (EventExecutor loop : loops) {
            loop.execute(() -> schedule(loop));
        }
    }

    private void schedule(EventExecutor loop) {
        if (!running) {
            return;
        }
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
        ScheduledFuture<?> f = loop.schedule(() -> {
            maxLateNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
            schedule(loop);
        }, PERIOD_MS, TimeUnit.MILLISECONDS);
        synchronized (pending) {
            pending.add(f);
            pending.removeIf(ScheduledFuture::isDone);
        }
    }

    /** The worst lateness seen on any loop so far, in milliseconds. */
    public long maxLateMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxLateNanos.get());
    }

    @Override
    public void close() {
        running = false;
        synchronized (pending) {
            pending.forEach(f -> f.cancel(false));
        }
    }
}
