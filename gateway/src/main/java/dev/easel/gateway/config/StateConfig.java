package dev.easel.gateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the state Easel keeps between requests: the idempotency store's bounds and,
 * with several replicas, the Redis they share (README "Many replicas").
 *
 * @param redisUrl            {@code redis://} or {@code rediss://}, with an optional password; null: no Redis
 * @param redisPrefix         put in front of every key, so several deployments can share one Redis
 * @param idempotencyTtl      how long an answer is replayed for its {@code Idempotency-Key}
 * @param idempotencyMaxBytes the in-memory store's bound on kept answers, in bytes
 * @param rateLimitRpm        requests per minute per caller key; 0: no limit
 * @param redisTimeout        how long one Redis command may take before Redis counts as unreachable
 */
public record StateConfig(String redisUrl, String redisPrefix, Duration idempotencyTtl, long idempotencyMaxBytes,
                          int rateLimitRpm, Duration redisTimeout) {

    static StateConfig from(GatewayConfig.Reader r) {
        String url = r.string("EASEL_REDIS_URL", "");
        if (!url.isEmpty()) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                // Never echo the value: it may carry the password.
                throw new IllegalArgumentException("EASEL_REDIS_URL is not a valid URL (expected redis://[:password@]host:port[/db])");
            }
            if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("EASEL_REDIS_URL must be redis://[:password@]host:port[/db] or rediss://...");
            }
        }
        long maxBytes = r.longValue("EASEL_IDEMPOTENCY_MAX_BYTES", 256L << 20);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("EASEL_IDEMPOTENCY_MAX_BYTES must be positive, got " + maxBytes);
        }
        return new StateConfig(url.isEmpty() ? null : url,
                r.string("EASEL_REDIS_PREFIX", "easel:"),
                r.duration("EASEL_IDEMPOTENCY_TTL", Duration.ofHours(24)),
                maxBytes,
                r.integer("EASEL_RATE_LIMIT_RPM", 0, 0, 1_000_000),
                r.duration("EASEL_REDIS_TIMEOUT", Duration.ofSeconds(2)));
    }

    /** The URL without its password, for logs. */
    public String redisUrlForLogs() {
        if (redisUrl == null) {
            return "none";
        }
        URI u = URI.create(redisUrl);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    @Override
    public String toString() {
        return "StateConfig[redis=" + redisUrlForLogs() + ", prefix=" + redisPrefix + ", idempotencyTtl=" + idempotencyTtl
                + ", idempotencyMaxBytes=" + idempotencyMaxBytes + ", rateLimitRpm=" + rateLimitRpm + "]";
    }
}
