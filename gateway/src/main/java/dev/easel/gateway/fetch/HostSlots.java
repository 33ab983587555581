package dev.easel.gateway.fetch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded number of downloads in flight per host and port, with a first-come queue whose
 * waits are bounded in time. Fetches run on many event loops, so the state is guarded by
 * this object's lock; promises are completed outside it.
 */
final class HostSlots {

    private final Vertx vertx;
    private final int perHost;
    private final Map<String, Host> hosts = new HashMap<>();

    HostSlots(Vertx vertx, int perHost) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.perHost = perHost;
    }

    /**
     * A slot for {@code key}: at once when one is free, else in turn. Fails with
     * {@link QueueTimeout} after {@code waitMs}, or when {@code cancelled} completes first.
     * The caller must {@link #release} the key exactly once after a success.
     */
    Future<Void> acquire(String key, long waitMs, Future<Void> cancelled) {
        Promise<Void> slot = Promise.promise();
        synchronized (this) {
            Host host = hosts.computeIfAbsent(key, k -> new Host());
            if (host.inFlight < perHost) {
                host.inFlight++;
                return Future.succeededFuture();
            }
            host.waiting.addLast(slot);
        }
        long timer = vertx.setTimer(Math.max(1, waitMs), id -> giveUp(key, slot, new QueueTimeout()));
        cancelled.onComplete(x -> giveUp(key, slot, new QueueTimeout()));
        slot.future().onComplete(x -> vertx.cancelTimer(timer));
        return slot.future();
    }

    /** Frees one slot of {@code key}, handing it to the longest waiter if any. */
    void release(String key) {
        Promise<Void> next;
        synchronized (this) {
            Host host = hosts.get(key);
            if (host == null) {
                return;
            }
            next = host.waiting.pollFirst();
            if (next == null) {
                host.inFlight--;
                if (host.inFlight == 0) {
                    hosts.remove(key);
                }
                return;
            }
        }
        // The slot passes straight to the waiter; inFlight is unchanged.
        if (!next.tryComplete()) {
            release(key);
        }
    }

    /** Downloads in flight to {@code key}, for tests and metrics. */
    synchronized int inFlight(String key) {
        Host host = hosts.get(key);
        return host == null ? 0 : host.inFlight;
    }

    private void giveUp(String key, Promise<Void> slot, QueueTimeout why) {
        synchronized (this) {
            Host host = hosts.get(key);
            if (host == null || !host.waiting.remove(slot)) {
                return; // already granted (then the holder releases it) or already gone
            }
        }
        slot.tryFail(why);
    }

    private static final class Host {
        int inFlight;
        final Deque<Promise<Void>> waiting = new ArrayDeque<>();
    }

    /** No slot freed up in time. */
    static final class QueueTimeout extends RuntimeException {
        QueueTimeout() {
            super("no download slot freed up in time", null, false, false);
        }
    }
}
