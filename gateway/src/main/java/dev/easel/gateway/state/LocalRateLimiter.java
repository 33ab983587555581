package dev.easel.gateway.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * The single-process {@link RateLimiter}: per caller, the times of its admitted requests in
 * the last minute (at most {@code rpm} of them), so the memory is bounded by callers x rpm and
 * idle callers are forgotten after a minute.
 */
public final class LocalRateLimiter implements RateLimiter {

    private static final long WINDOW_MS = 60_000;

    private final int rpm;
    private final LongSupplier millis;
    private final Cache<String, ArrayDeque<Long>> callers = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMillis(WINDOW_MS))
            .maximumSize(100_000)
            .executor(Runnable::run)
            .build();

    public LocalRateLimiter(int rpm, LongSupplier millis) {
        if (rpm < 1) {
            throw new IllegalArgumentException("rpm must be positive");
        }
        this.rpm = rpm;
        this.millis = millis;
    }

    @Override
    public Future<Duration> acquire(String caller) {
        return Future.succeededFuture(tryAcquire(caller));
    }

    Duration tryAcquire(String caller) {
        ArrayDeque<Long> times = callers.get(caller, c -> new ArrayDeque<>());
        long now = millis.getAsLong();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MS) {
                times.pollFirst();
            }
            if (times.size() < rpm) {
                times.addLast(now);
                return Duration.ZERO;
            }
            return Duration.ofMillis(Math.max(1, times.peekFirst() + WINDOW_MS - now));
        }
    }
}
