package dev.easel.gateway.state;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The single-process {@link IdempotencyStore}: every duplicate in flight gets the very same
 * {@link Future}, and answers are kept for the TTL.
 *
 * <p>Bounded by <b>bytes</b>, not by count: each kept answer weighs what {@code sizeOf} says
 * (its rendered body), and past {@code maxBytes} the oldest answers are evicted first. An
 * answer larger than the whole bound is handed out but not kept. A claim in flight weighs a
 * small constant, so the bound never refuses a new request.
 *
 * <p>A plain FIFO rather than a Caffeine cache with a weigher: Caffeine's TinyLFU admission
 * rejects a new entry whose frequency does not beat the oldest one's, so under a stream of
 * large, never-replayed answers it keeps the old ones and drops each new one, and a client's
 * SDK retry of the answer it just got would run (and pay) again. Every operation is O(1)
 * under one short lock with no I/O inside.
 */
public final class MemoryIdempotencyStore<T> implements IdempotencyStore<T> {

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    private static final long PENDING_WEIGHT = 256;

    private final long ttlNanos;
    private final long maxBytes;
    private final ToLongFunction<T> sizeOf;
    private final LongSupplier nanoTime;
    // Insertion order is write order, and every entry lives the same TTL: the head is both the
    // oldest and the first to expire.
    private final LinkedHashMap<String, Entry<T>> entries = new LinkedHashMap<>();
    private long bytes;

    public MemoryIdempotencyStore(Duration ttl, long maxBytes, ToLongFunction<T> sizeOf) {
        this(ttl, maxBytes, sizeOf, System::nanoTime);
    }

    MemoryIdempotencyStore(Duration ttl, long maxBytes, ToLongFunction<T> sizeOf, LongSupplier nanoTime) {
        this.ttlNanos = Objects.requireNonNull(ttl, "ttl").toNanos();
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public Future<IdempotencyClaim<T>> claim(String key, Fingerprint fingerprint) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Entry<T> existing;
        Promise<T> promise = Promise.promise();
        String token = UUID.randomUUID().toString();
        synchronized (entries) {
            long now = nanoTime.getAsLong();
            expire(now);
            existing = entries.get(key);
            if (existing == null) {
                put(key, new Entry<>(fingerprint, token, promise, now, PENDING_WEIGHT));
            }
        }
        if (existing == null) {
            return Future.succeededFuture(new IdempotencyClaim.Won<>(key, fingerprint, token));
        }
        if (!existing.fingerprint().equals(fingerprint)) {
            return Future.failedFuture(IdempotencyErrors.reused(key));
        }
        Future<T> result = existing.result().future();
        if (result.succeeded()) {
            return Future.succeededFuture(new IdempotencyClaim.Done<>(result.result()));
        }
        return Future.succeededFuture(new IdempotencyClaim.Pending<>(key, fingerprint, result));
    }

    @Override
    public Future<Void> complete(IdempotencyClaim.Won<T> claim, T answer) {
        Entry<T> held;
        long size = sizeOf.applyAsLong(answer);
        synchronized (entries) {
            held = held(claim);
            if (held != null) {
                remove(claim.key());
                if (size <= maxBytes) {
                    // Re-inserted at the tail: the answer is now the youngest, weighed by its bytes.
                    long now = nanoTime.getAsLong();
                    put(claim.key(), new Entry<>(held.fingerprint(), held.token(), held.result(), now, size));
                    evictOver(maxBytes);
                }
            }
        }
        if (held != null) {
            held.result().tryComplete(answer);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> fail(IdempotencyClaim.Won<T> claim, Throwable error) {
        Entry<T> held;
        synchronized (entries) {
            held = held(claim);
            if (held != null) {
                remove(claim.key());
            }
        }
        if (held != null) {
            held.result().tryFail(error);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<IdempotencyClaim<T>> replay(IdempotencyClaim.Pending<T> pending, Instant until) {
        // In one process the holder's future is the answer; its own deadline bounds it.
        return pending.local().map(IdempotencyClaim.Done::new);
    }

    /** How many keys are held now (for metrics). */
    public long size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** What the kept answers and claims weigh now. */
    public long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    // A claim in flight is never evicted nor expired: its holder and waiters need it settled.
    private Entry<T> held(IdempotencyClaim.Won<T> claim) {
        Entry<T> e = entries.get(claim.key());
        return e != null && e.token().equals(claim.token()) ? e : null;
    }

    private void put(String key, Entry<T> e) {
        entries.put(key, e);
        bytes += e.weight();
    }

    private void remove(String key) {
        Entry<T> e = entries.remove(key);
        if (e != null) {
            bytes -= e.weight();
        }
    }

    private void expire(long now) {
        Iterator<Entry<T>> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry<T> e = it.next();
            if (now - e.writtenAt() < ttlNanos) {
                return;
            }
            if (e.result().future().isComplete()) {
                it.remove();
                bytes -= e.weight();
            }
        }
    }

    private void evictOver(long limit) {
        Iterator<Map.Entry<String, Entry<T>>> it = entries.entrySet().iterator();
        while (bytes > limit && it.hasNext()) {
            Entry<T> e = it.next().getValue();
            if (e.result().future().isComplete()) {
                it.remove();
                bytes -= e.weight();
            }
        }
    }

    private record Entry<T>(Fingerprint fingerprint, String token, Promise<T> result, long writtenAt, long weight) {
    }
}
