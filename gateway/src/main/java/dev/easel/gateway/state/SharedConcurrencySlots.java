package dev.easel.gateway.state;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.routing.ConcurrencySlots;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ConcurrencySlots} shared by every replica: a route's slots are leases in one Redis
 * sorted set ({@code /redis/slot-acquire.lua}), renewed by their holder every third of
 * {@link #LEASE} and freed when released or when a dead holder's lease runs out. A call that
 * finds them all taken polls (25 ms, growing to 250 ms) until one frees or its deadline
 * passes. While Redis is unreachable each replica counts on its own (the local slots).
 */
public final class SharedConcurrencySlots implements ConcurrencySlots {

    static final Duration LEASE = Duration.ofSeconds(15);
    private static final long FIRST_POLL_MS = 25;
    private static final long MAX_POLL_MS = 250;
    private static final RedisScript ACQUIRE = RedisScript.load("slot-acquire");

    private final Vertx vertx;
    private final SharedRedis redis;
    private final ConcurrencySlots fallback;
    private final Clock clock;
    private final Duration lease;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

    public SharedConcurrencySlots(Vertx vertx, SharedRedis redis, ConcurrencySlots fallback, Clock clock) {
        this(vertx, redis, fallback, clock, LEASE);
    }

    SharedConcurrencySlots(Vertx vertx, SharedRedis redis, ConcurrencySlots fallback, Clock clock, Duration lease) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    @Override
    public Future<Slot> acquire(Route route, Instant deadline, Future<Void> abandon) {
        if (route.maxConcurrency() == 0) {
            return Future.succeededFuture(UNLIMITED);
        }
        if (!redis.up()) {
            return fallback.acquire(route, deadline, abandon);
        }
        String id = UUID.randomUUID().toString();
        Promise<Slot> outcome = Promise.promise();
        AtomicInteger queued = waiting.computeIfAbsent(route.slug(), r -> new AtomicInteger());
        queued.incrementAndGet();
        outcome.future().onComplete(x -> queued.decrementAndGet());
        attempt(route, id, deadline, abandon, FIRST_POLL_MS, outcome);
        return outcome.future();
    }

    private void attempt(Route route, String id, Instant deadline, Future<Void> abandon, long delayMs,
                         Promise<Slot> outcome) {
        if (abandon.isComplete()) {
            outcome.tryFail(new IllegalStateException("request ended while waiting for a slot"));
            return;
        }
        take(route, id, "take").onComplete(ar -> {
            if (ar.failed()) {
                // Redis went away mid-wait: the local slots decide from here.
                fallback.acquire(route, deadline, abandon).onComplete(outcome);
            } else if (ar.result()) {
                outcome.tryComplete(held(route, id));
            } else {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    outcome.tryFail(new ProviderException(ErrorKind.RATE_LIMITED, route.provider(), 0,
                            "all " + route.maxConcurrency() + " concurrency slots of " + route.slug()
                                    + " stayed busy until the call's deadline", null, null));
                } else {
                    vertx.setTimer(Math.min(delayMs, left), t ->
                            attempt(route, id, deadline, abandon, Math.min(MAX_POLL_MS, delayMs * 2), outcome));
                }
            }
        });
    }

    private Future<Boolean> take(Route route, String id, String mode) {
        return redis.eval(ACQUIRE, List.of(key(route)), List.of(route.maxConcurrency(), lease.toMillis(), id, mode))
                .map(r -> r.toLong() == 1);
    }

    private Slot held(Route route, String id) {
        long timer = vertx.setPeriodic(Math.max(1, lease.toMillis() / 3), t -> take(route, id, "renew"));
        return new Slot() {
            private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void release() {
                if (released.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    redis.send(Request.cmd(Command.ZREM).arg(key(route)).arg(id));
                }
            }
        };
    }

    private String key(Route route) {
        return redis.key("slots", route.slug());
    }

    @Override
    public int waiting(String route) {
        AtomicInteger n = waiting.get(route);
        return (n == null ? 0 : n.get()) + fallback.waiting(route);
    }
}
