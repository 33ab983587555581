package dev.easel.gateway.state;

import io.vertx.core.Future;
import java.util.Objects;

/** What {@link IdempotencyStore#claim} found for a key. */
public sealed interface IdempotencyClaim<T> {

    /**
     * This request holds the key: it runs the work and ends the claim with
     * {@link IdempotencyStore#complete} or {@link IdempotencyStore#fail}.
     *
     * @param token tells this holder from a later one (after a lease expired)
     */
    record Won<T>(String key, Fingerprint fingerprint, String token) implements IdempotencyClaim<T> {
        public Won {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(token, "token");
        }
    }

    /** The answer is already there: replay it. */
    record Done<T>(T answer) implements IdempotencyClaim<T> {
        public Done {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * Another request (here or on another replica) holds the key; wait with
     * {@link IdempotencyStore#replay}.
     *
     * @param local the holder's own result when it runs in this process, else null
     */
    record Pending<T>(String key, Fingerprint fingerprint, Future<T> local) implements IdempotencyClaim<T> {
        public Pending {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }
}
