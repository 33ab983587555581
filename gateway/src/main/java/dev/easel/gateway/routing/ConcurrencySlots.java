package dev.easel.gateway.routing;

import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Per-route concurrency slots ({@code max_concurrency} in the catalog, for limits such as
 * BFL's jobs in flight): a call holds one slot while it runs. A call that finds every slot
 * taken waits for one, up to its own deadline, then fails with a {@code rate_limited}
 * {@link dev.easel.adapter.ProviderException} so the request fails over, or answers 429
 * when no candidate is left. {@link LocalConcurrencySlots} counts in this process;
 * {@code SharedConcurrencySlots} across replicas, with leases that expire.
 */
public interface ConcurrencySlots {

    /** One held slot; release it exactly once. */
    interface Slot {
        void release();
    }

    Slot UNLIMITED = () -> { };

    /**
     * A slot on the route, now or once one frees up before {@code deadline}; at once
     * {@link #UNLIMITED} for a route without {@code max_concurrency}. Stops waiting (and fails)
     * when {@code abandon} completes.
     */
    Future<Slot> acquire(Route route, Instant deadline, Future<Void> abandon);

    /** How many calls wait for a slot on the route now, on this replica (a metric). */
    int waiting(String route);
}
