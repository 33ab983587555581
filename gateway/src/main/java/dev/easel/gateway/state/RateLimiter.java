package dev.easel.gateway.state;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * {@code EASEL_RATE_LIMIT_RPM}: at most so many requests per minute per caller key, over a
 * sliding minute. {@link LocalRateLimiter} counts in this process, {@link SharedRateLimiter}
 * across every replica.
 */
public interface RateLimiter {

    /** {@link Duration#ZERO} when the request may go on, else how long until it may. */
    Future<Duration> acquire(String caller);
}
