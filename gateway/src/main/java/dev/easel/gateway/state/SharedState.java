package dev.easel.gateway.state;

import dev.easel.gateway.config.StateConfig;
import dev.easel.gateway.routing.ConcurrencySlots;
import dev.easel.gateway.routing.LocalConcurrencySlots;
import dev.easel.gateway.routing.LocalRouteHealth;
import dev.easel.gateway.routing.RouteHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state Easel keeps between requests, chosen once at start: in this process, or shared
 * with the other replicas through Redis when {@code EASEL_REDIS_URL} is set (README "Many
 * replicas"). Shared: Idempotency-Key claims and answers, each route's circuit and
 * Retry-After, per-key rate limits, per-route concurrency slots. Not shared: the images of the local store, in-flight
 * counts and the worker pool, metrics.
 */
public final class SharedState {

    private final SharedRedis redis;
    private final IdempotencyStore<StoredAnswer> idempotency;
    private final RouteHealth health;
    private final RateLimiter rateLimiter;
    private final ConcurrencySlots slots;

    private SharedState(SharedRedis redis, IdempotencyStore<StoredAnswer> idempotency, RouteHealth health,
                        RateLimiter rateLimiter, ConcurrencySlots slots) {
        this.redis = redis;
        this.slots = slots;
        this.idempotency = idempotency;
        this.health = health;
        this.rateLimiter = rateLimiter;
    }

    /** @param routes every route slug in the catalog (the shared health view follows them) */
    public static SharedState create(Vertx vertx, StateConfig config, Clock clock, List<String> routes) {
        Objects.requireNonNull(config, "config");
        LocalConcurrencySlots localSlots = new LocalConcurrencySlots(vertx, clock);
        LocalRouteHealth local = new LocalRouteHealth(clock);
        LocalRateLimiter localLimit = config.rateLimitRpm() > 0 ? new LocalRateLimiter(config.rateLimitRpm(), clock::millis) : null;
        if (config.redisUrl() == null) {
            return new SharedState(null, new MemoryIdempotencyStore<>(config.idempotencyTtl(),
                    config.idempotencyMaxBytes(), StoredAnswer::bytes), local, localLimit, localSlots);
        }
        SharedRedis redis = SharedRedis.connect(vertx, config.redisUrl(), config.redisPrefix(), config.redisUrlForLogs(),
                config.redisTimeout());
        return new SharedState(redis,
                new RedisIdempotencyStore(vertx, redis, config.idempotencyTtl(), clock),
                new SharedRouteHealth(vertx, redis, local, RouteHealth.Settings.DEFAULT, routes, SharedRouteHealth.REFRESH),
                localLimit == null ? null : new SharedRateLimiter(redis, config.rateLimitRpm(), localLimit),
                new SharedConcurrencySlots(vertx, redis, localSlots, clock));
    }

    public IdempotencyStore<StoredAnswer> idempotency() {
        return idempotency;
    }

    public RouteHealth health() {
        return health;
    }

    public ConcurrencySlots slots() {
        return slots;
    }

    /** Null when there is no rate limit. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Whether state is shared now: false when Redis is configured but unreachable. */
    public boolean sharing() {
        return redis == null || redis.up();
    }

    /** For {@code /readyz}: {@code {"redis": "none" | "up" | "unreachable"}}. */
    public Map<String, Object> readiness() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redis", redis == null ? "none" : redis.up() ? "up" : "unreachable");
        return out;
    }

    public Future<Void> close() {
        if (health instanceof SharedRouteHealth shared) {
            shared.close();
        }
        return redis == null ? Future.succeededFuture() : redis.close();
    }
}
