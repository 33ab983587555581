package dev.easel.gateway.state;

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
        return new ApiException(409, "invalid_request_error", "idempotency_key_reused", null,
                "The Idempotency-Key '" + key + "' was already used with a different request body. "
                        + "Use a new key for a new request.", null, null);
    }

    /** Refusing is the only safe answer: running without the shared claim could charge twice. */
    static ApiException unavailable() {
        return new ApiException(503, "api_error", "idempotency_unavailable", null,
                "The shared idempotency store (Redis) cannot be reached, so a request with an Idempotency-Key "
                        + "cannot be run safely now. Retry shortly, or send the request without the header.",
                Duration.ofSeconds(1), null);
    }

    static ApiException waitedTooLong() {
        return new ApiException(504, "api_error", "upstream_timeout", null,
                "The request with this Idempotency-Key is still running elsewhere and did not finish "
                        + "within this request's deadline.", null, null);
    }
}
