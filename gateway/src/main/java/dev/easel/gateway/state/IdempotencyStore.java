package dev.easel.gateway.state;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * Where {@code Idempotency-Key} claims and answers live: in this process
 * ({@link MemoryIdempotencyStore}) or shared by every replica ({@link RedisIdempotencyStore}).
 * Each step is one atomic operation on the store, so it maps onto one Redis script; every
 * method answers with a future and never blocks. {@link Idempotent} composes them.
 *
 * @param <T> the kept answer
 */
public interface IdempotencyStore<T> {

    /**
     * Atomically: the first request for the key wins it, a repeat gets the answer or is told
     * to wait. Fails with a 409 {@code idempotency_key_reused} when the key was used with
     * another fingerprint, and with a 503 {@code idempotency_unavailable} when the store
     * cannot be reached.
     */
    Future<IdempotencyClaim<T>> claim(String key, Fingerprint fingerprint);

    /** Keeps the answer for the TTL and hands it to everyone waiting. */
    Future<Void> complete(IdempotencyClaim.Won<T> claim, T answer);

    /**
     * Drops the claim: requests already waiting share {@code error}; a request that comes
     * after runs again (nothing was delivered, so nothing is paid twice).
     */
    Future<Void> fail(IdempotencyClaim.Won<T> claim, Throwable error);

    /**
     * Waits, at most until {@code until}, for the holder of a pending claim: a
     * {@link IdempotencyClaim.Done}, or a {@link IdempotencyClaim.Won} when the holder died
     * and its lease expired (this request then runs the work). Fails with the holder's
     * failure, or with a 504 when {@code until} passes first.
     */
    Future<IdempotencyClaim<T>> replay(IdempotencyClaim.Pending<T> pending, Instant until);
}
