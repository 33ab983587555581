package dev.easel.gateway.state;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import java.time.Duration;

/** The API errors of {@code Idempotency-Key} handling, in one place. */
final class IdempotencyErrors {

    private IdempotencyErrors() {
    }

    /**
     * Names the caller's own key, never its scope: stores key by {@code scope:key}, and the
     * scope is derived from the caller's secret.
     */
    static ApiException reused(String scopedKey) {
        String key = scopedKey.substring(scopedKey.indexOf(':') + 1);
        return ApiErrors.idempotencyKeyReused("The Idempotency-Key '" + key
                + "' was already used with a different request body. Use a new key for a new request.");
    }

    /** Refusing is the only safe answer: running without the shared claim could charge twice. */
    static ApiException unavailable() {
        return ApiErrors.idempotencyUnavailable("The shared idempotency store (Redis) cannot be reached, so a request with an Idempotency-Key "
                        + "cannot be run safely now. Retry shortly, or send the request without the header.",
                Duration.ofSeconds(1));
    }

    static ApiException waitedTooLong() {
        return ApiErrors.upstreamTimeout("The request with this Idempotency-Key is still running elsewhere and "
                + "did not finish within this request's deadline.");
    }
}
