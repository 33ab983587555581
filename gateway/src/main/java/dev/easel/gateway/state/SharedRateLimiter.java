package dev.easel.gateway.state;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@link RateLimiter} shared by every replica: one script call per request
 * ({@code /redis/rate-limit.lua}, a sliding minute on Redis's clock). While Redis is
 * unreachable each replica limits on its own ({@link LocalRateLimiter}), as DESIGN says
 * requests without an Idempotency-Key go on with local state.
 */
public final class SharedRateLimiter implements RateLimiter {

    private static final RedisScript SCRIPT = RedisScript.load("rate-limit");

    private final SharedRedis redis;
    private final int rpm;
    private final LocalRateLimiter fallback;

    public SharedRateLimiter(SharedRedis redis, int rpm, LocalRateLimiter fallback) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.rpm = rpm;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Future<Duration> acquire(String caller) {
        if (!redis.up()) {
            return fallback.acquire(caller);
        }
        return redis.eval(SCRIPT, List.of(redis.key("rate", caller)), List.of(rpm, 60_000, UUID.randomUUID().toString()))
                .map(r -> Duration.ofMillis(r.toLong()))
                .recover(e -> fallback.acquire(caller));
    }
}
