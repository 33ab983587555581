package dev.easel.adapter.poll;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * One-shot timers, the only way {@link JobPoller} waits. In production they are Vert.x's
 * ({@link #on(Vertx)}); tests put virtual ones in their place, moved by the same injected
 * {@link java.time.Clock}, so backoff, deadlines and cancels are asserted exactly without
 * waiting in real time.
 *
 * <p>Contract, as Vert.x's: {@code handler} runs once, on the context that armed the timer,
 * no sooner than {@code delayMs} after it was armed, unless the timer is cancelled first.
 */
public interface Timers {

    /** Arms a timer and returns its id. */
    long setTimer(long delayMs, Handler<Long> handler);

    /** Disarms timer {@code id}; false when it already fired or was cancelled. */
    boolean cancelTimer(long id);

    /** Timers on Vert.x's event loops. */
    static Timers on(Vertx vertx) {
        return new VertxTimers(vertx);
    }
}
