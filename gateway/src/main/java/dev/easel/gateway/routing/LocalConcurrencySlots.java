package dev.easel.gateway.routing;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ConcurrencySlots} in this process: per route a count of slots in use and a FIFO of
 * waiters; a freed slot goes straight to the oldest waiter. Each waiter has a timer at its
 * deadline; nothing blocks.
 */
public final class LocalConcurrencySlots implements ConcurrencySlots {

    private final Vertx vertx;
    private final Clock clock;
    private final Map<String, RouteSlots> routes = new ConcurrentHashMap<>();

    public LocalConcurrencySlots(Vertx vertx, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<Slot> acquire(Route route, Instant deadline, Future<Void> abandon) {
        if (route.maxConcurrency() == 0) {
            return Future.succeededFuture(UNLIMITED);
        }
        RouteSlots slots = routes.computeIfAbsent(route.slug(), r -> new RouteSlots(route.maxConcurrency()));
        Promise<Slot> promise = Promise.promise();
        synchronized (slots) {
            if (slots.inUse < slots.max) {
                slots.inUse++;
                return Future.succeededFuture(slots.slot());
            }
            slots.waiters.addLast(promise);
        }
        long wait = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
        long timer = vertx.setTimer(wait, id -> giveUp(slots, promise, busy(route)));
        abandon.onComplete(x -> giveUp(slots, promise, new IllegalStateException("request ended while waiting for a slot")));
        promise.future().onComplete(x -> vertx.cancelTimer(timer));
        return promise.future();
    }

    @Override
    public int waiting(String route) {
        RouteSlots slots = routes.get(route);
        if (slots == null) {
            return 0;
        }
        synchronized (slots) {
            return slots.waiters.size();
        }
    }

    private static void giveUp(RouteSlots slots, Promise<Slot> promise, Throwable why) {
        boolean removed;
        synchronized (slots) {
            removed = slots.waiters.remove(promise);
        }
        if (removed) {
            promise.tryFail(why);
        }
    }

    /** Failover-worthy and counted as rate limiting, but no verdict on the provider's health. */
    static ProviderException busy(Route route) {
        return new ProviderException(ErrorKind.RATE_LIMITED, route.provider(), 0,
                "all " + route.maxConcurrency() + " concurrency slots of " + route.slug()
                        + " stayed busy until the call's deadline", null, null);
    }

    private static final class RouteSlots {
        final int max;
        int inUse;
        final ArrayDeque<Promise<Slot>> waiters = new ArrayDeque<>();

        RouteSlots(int max) {
            this.max = max;
        }

        Slot slot() {
            return new Slot() {
                private boolean released;

                @Override
                public void release() {
                    Promise<Slot> next;
                    synchronized (RouteSlots.this) {
                        if (released) {
                            return;
                        }
                        released = true;
                        next = waiters.pollFirst();
                        if (next == null) {
                            inUse--;
                        }
                    }
                    if (next != null && !next.tryComplete(slot())) {
                        slot().release();
                    }
                }
            };
        }
    }
}
