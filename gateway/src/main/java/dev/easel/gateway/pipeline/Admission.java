package dev.easel.gateway.pipeline;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The door: at most {@code EASEL_MAX_IN_FLIGHT} image jobs at once. It is the only place
 * Easel refuses for lack of capacity, and it does so before any provider is called, so a
 * job that got in is never thrown away later for being one too many.
 */
public final class Admission {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Admission(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** Takes a place, or answers false when all are taken; a true must be paired with {@link #leave()}. */
    public boolean tryEnter() {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }

    public boolean full() {
        return inFlight.get() >= max;
    }

    public static ApiException busy() {
        return ApiErrors.serverBusy("Easel is at its limit of image jobs in flight; retry shortly.", Duration.ofSeconds(1));
    }
}
