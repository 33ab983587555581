package dev.easel.gateway.state;

import dev.easel.adapter.ErrorKind;
import dev.easel.gateway.routing.LocalRouteHealth;
import dev.easel.gateway.routing.RouteHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RouteHealth} shared by every replica through Redis, without a round trip in any pick.
 *
 * <p>Every decision is the {@link LocalRouteHealth}'s, made at once from memory. Each
 * outcome is also sent to Redis ({@code /redis/health-record.lua}: the shared failure window,
 * circuit and Retry-After, decided atomically), and the answer is taken into the local view;
 * every {@link #REFRESH} the view is refreshed from Redis for all routes in one round trip
 * ({@code /redis/health-view.lua}). So a circuit opened by failures spread over two replicas
 * is open on a third within about a second, and a Retry-After seen by one holds for all.
 * Redis keeps the times (its own clock) and answers in remaining milliseconds, so replicas
 * whose clocks disagree still agree. The half-open probe stays per replica: after a cooldown
 * each replica may send one probe.
 *
 * <p>Redis unreachable: the local view goes on alone; outcomes are not queued for later.
 */
public final class SharedRouteHealth implements RouteHealth {

    static final Duration REFRESH = Duration.ofSeconds(1);
    private static final RedisScript RECORD = RedisScript.load("health-record");
    private static final RedisScript VIEW = RedisScript.load("health-view");

    private final Vertx vertx;
    private final SharedRedis redis;
    private final LocalRouteHealth local;
    private final Settings settings;
    private final List<String> routes;
    private final String replica = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong calls = new AtomicLong();
    private final long timer;

    /** @param routes every route slug whose shared state the local view follows */
    public SharedRouteHealth(Vertx vertx, SharedRedis redis, LocalRouteHealth local, Settings settings,
                             List<String> routes, Duration refresh) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.local = Objects.requireNonNull(local, "local");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.routes = List.copyOf(routes);
        this.timer = vertx.setPeriodic(refresh.toMillis(), id -> refresh());
    }

    @Override
    public boolean available(String route) {
        return local.available(route);
    }

    @Override
    public Permit tryAcquire(String route) {
        return local.tryAcquire(route);
    }

    @Override
    public Duration retryAfterRemaining(String route) {
        return local.retryAfterRemaining(route);
    }

    @Override
    public void succeeded(Permit permit) {
        local.succeeded(permit);
        record(permit.route(), false, false, null);
    }

    @Override
    public void failed(Permit permit, ErrorKind kind, Duration retryAfter) {
        local.failed(permit, kind, retryAfter);
        record(permit.route(), true, kind == ErrorKind.AUTH, retryAfter);
    }

    @Override
    public void released(Permit permit) {
        local.released(permit);
    }

    @Override
    public Snapshot snapshot(String route) {
        return local.snapshot(route);
    }

    @Override
    public Map<String, Snapshot> snapshot() {
        return local.snapshot();
    }

    /** Sends one outcome; the future (Redis's answer) is for tests, callers never wait on it. */
    Future<Response> record(String route, boolean failed, boolean auth, Duration retryAfter) {
        if (!redis.up()) {
            return Future.succeededFuture(null);
        }
        long ra = retryAfter == null || retryAfter.isNegative() ? 0 : retryAfter.toMillis();
        return redis.eval(RECORD, List.of(redis.key("health", route), redis.key("calls", route)), List.of(
                        failed ? 1 : 0, auth ? 1 : 0, ra, settings.consecutiveFailures(), settings.windowCalls(),
                        settings.window().toMillis(), settings.minCalls(), settings.failureRate(),
                        settings.openFor().toMillis(), replica + "-" + calls.incrementAndGet()))
                .onSuccess(r -> adopt(route, r, 0));
    }

    /** Refreshes the local view of every route from Redis in one round trip. */
    Future<Void> refresh() {
        if (!redis.up() || routes.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> keys = new ArrayList<>(routes.size());
        routes.forEach(r -> keys.add(redis.key("health", r)));
        return redis.eval(VIEW, keys, List.of()).onSuccess(r -> {
            for (int i = 0; i < routes.size(); i++) {
                adopt(routes.get(i), r, i * 3);
            }
        }).mapEmpty();
    }

    private void adopt(String route, Response r, int at) {
        local.adopt(route, r.get(at).toLong() == 1, Duration.ofMillis(r.get(at + 1).toLong()),
                Duration.ofMillis(r.get(at + 2).toLong()));
    }

    public void close() {
        vertx.cancelTimer(timer);
    }
}
