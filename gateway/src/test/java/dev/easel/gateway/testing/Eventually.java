package dev.easel.gateway.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another process (Redis, another replica's refresh) makes true
 * in real time, checking every 20 ms up to a bound; fails with {@code what} when it never does.
 */
public final class Eventually {

    private Eventually() {
    }

    public static void holds(String what, Duration within, BooleanSupplier condition) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
