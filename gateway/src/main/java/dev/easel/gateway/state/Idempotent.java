package dev.easel.gateway.state;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work at most once per key and fingerprint through an {@link IdempotencyStore}: the
 * first request runs it, repeats and concurrent duplicates (on any replica sharing the store)
 * get the same answer, the same key with another body is a 409.
 */
public final class Idempotent {

    private static final Logger LOG = LoggerFactory.getLogger(Idempotent.class);

    private Idempotent() {
    }

    /**
     * @param until how long a duplicate waits for the holder before giving up (its own deadline)
     */
    public static <T> Future<T> execute(IdempotencyStore<T> store, String key, Fingerprint fingerprint, Instant until,
                                        Supplier<Future<T>> work) {
        Objects.requireNonNull(work, "work");
        return store.claim(key, fingerprint).compose(claim -> settle(store, claim, until, work));
    }

    private static <T> Future<T> settle(IdempotencyStore<T> store, IdempotencyClaim<T> claim, Instant until,
                                        Supplier<Future<T>> work) {
        if (claim instanceof IdempotencyClaim.Done<T> done) {
            return Future.succeededFuture(done.answer());
        }
        if (claim instanceof IdempotencyClaim.Pending<T> pending) {
            return store.replay(pending, until).compose(next -> settle(store, next, until, work));
        }
        IdempotencyClaim.Won<T> won = (IdempotencyClaim.Won<T>) claim;
        return start(work).transform(ar -> {
            if (ar.succeeded()) {
                // The caller has its answer even when keeping it failed; only a later replay is lost.
                return store.complete(won, ar.result())
                        .onFailure(e -> LOG.warn("could not keep an idempotent answer: {}", e.toString()))
                        .transform(x -> Future.succeededFuture(ar.result()));
            }
            return store.fail(won, ar.cause())
                    .onFailure(e -> LOG.warn("could not release an idempotency claim: {}", e.toString()))
                    .transform(x -> Future.failedFuture(ar.cause()));
        });
    }

    private static <T> Future<T> start(Supplier<Future<T>> work) {
        try {
            return Objects.requireNonNull(work.get(), "work returned null");
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
