package dev.easel.gateway.testing;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how late the event loops run: a task on every loop of the Vert.x instance asks to
 * run again in {@link #PERIOD_MS} ms and records how much later than that it actually ran.
 *
 * <p>On a shared machine a loop can also be late because the OS gave its thread no core, which
 * says nothing about the gateway. So besides the wall-clock lateness, each tick notes the CPU
 * time its loop thread spent since the previous tick: {@link #maxLateMillis()} counts a tick as
 * late only by what the loop itself was busy for (the smaller of the two), which is what a
 * handler doing heavy work on the loop causes. {@link #maxWallLateMillis()} is the raw figure.
 */
public final class EventLoopLateness implements AutoCloseable {

    static final long PERIOD_MS = 5;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong maxLateNanos = new AtomicLong();
    private final AtomicLong maxWallLateNanos = new AtomicLong();
    private final List<EventExecutor> loops = new ArrayList<>();
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private volatile boolean running = true;

    public EventLoopLateness(Vertx vertx) {
        ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
        for (EventExecutor loop : loops) {
            loop.execute(() -> schedule(loop, THREADS.getCurrentThreadCpuTime()));
        }
    }

    private void schedule(EventExecutor loop, long cpuAtSchedule) {
        if (!running) {
            return;
        }
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
        ScheduledFuture<?> f = loop.schedule(() -> {
            long late = System.nanoTime() - due;
            long cpu = THREADS.getCurrentThreadCpuTime();
            maxWallLateNanos.accumulateAndGet(late, Math::max);
            maxLateNanos.accumulateAndGet(Math.min(late, cpu - cpuAtSchedule), Math::max);
            schedule(loop, cpu);
        }, PERIOD_MS, TimeUnit.MILLISECONDS);
        synchronized (pending) {
            pending.add(f);
            pending.removeIf(ScheduledFuture::isDone);
        }
    }

    /** The worst lateness on any loop so far that its own work accounts for, in milliseconds. */
    public long maxLateMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxLateNanos.get());
    }

    /** The worst wall-clock lateness on any loop so far, machine load included, in milliseconds. */
    public long maxWallLateMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxWallLateNanos.get());
    }

    @Override
    public void close() {
        running = false;
        synchronized (pending) {
            pending.forEach(f -> f.cancel(false));
        }
    }
}
