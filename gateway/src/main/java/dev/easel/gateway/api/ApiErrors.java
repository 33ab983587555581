package dev.easel.gateway.api;

import java.time.Duration;

/**
 * Every answer of the public error table, one factory each: the status, type and code of an
 * error are decided here and nowhere else, so two places cannot answer the same failure
 * differently. Messages are the caller's; they say what to change.
 */
public final class ApiErrors {

    private static final String INVALID = "invalid_request_error";
    private static final String API = "api_error";

    private ApiErrors() {
    }

    /** 400: a field is missing or out of range; {@code param} names it (null for the body as a whole). */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, INVALID, "invalid_request", param, message, null, null);
    }

    /** 400: the provider refused the prompt or the output; never failed over. */
    public static ApiException contentPolicy(String message) {
        return new ApiException(400, INVALID, "content_policy_violation", "prompt", message, null, null);
    }

    /** 400: the model exists but none of its providers has a key. */
    public static ApiException providerNotConfigured(String message) {
        return new ApiException(400, INVALID, "provider_not_configured", "model", message, null, null);
    }

    /** 401: missing or wrong gateway key. */
    public static ApiException authenticationFailed(String message) {
        return new ApiException(401, INVALID, "authentication_failed", null, message, null, null);
    }

    /** 404: unknown model or slug. */
    public static ApiException modelNotFound(String message) {
        return new ApiException(404, INVALID, "model_not_found", "model", message, null, null);
    }

    /** 404: no such path or file. */
    public static ApiException notFound(String message) {
        return new ApiException(404, INVALID, "not_found", null, message, null, null);
    }

    /** 403: a request from another site's page (its {@code Origin} is not this gateway's). */
    public static ApiException originNotAllowed(String message) {
        return new ApiException(403, INVALID, "origin_not_allowed", null, message, null, null);
    }

    /** 408: the request body did not arrive in time. */
    public static ApiException requestTimeout(String message) {
        return new ApiException(408, INVALID, "request_timeout", null, message, null, null);
    }

    /** 414: the request line is too long. */
    public static ApiException uriTooLong(String message) {
        return new ApiException(414, INVALID, "uri_too_long", null, message, null, null);
    }

    /** 415: a body in a content type the endpoint does not take. */
    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, INVALID, "unsupported_media_type", null, message, null, null);
    }

    /** 421: a {@code Host} this gateway does not answer for (DNS rebinding). */
    public static ApiException hostNotAllowed(String message) {
        return new ApiException(421, INVALID, "host_not_allowed", null, message, null, null);
    }

    /** 431: the request headers are too large. */
    public static ApiException headersTooLarge(String message) {
        return new ApiException(431, INVALID, "headers_too_large", null, message, null, null);
    }

    /** 405: the path exists, the method does not. */
    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, INVALID, "method_not_allowed", null, message, null, null);
    }

    /** 409: an {@code Idempotency-Key} reused with a different body. */
    public static ApiException idempotencyKeyReused(String message) {
        return new ApiException(409, INVALID, "idempotency_key_reused", null, message, null, null);
    }

    /** 413: the body is over the limit. */
    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, INVALID, "payload_too_large", null, message, null, null);
    }

    /** 429: every candidate was rate-limited; {@code Retry-After} is sent. */
    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(429, "rate_limit_error", "rate_limited", null, message, retryAfter, null);
    }

    /** 499: the client went away; nobody reads this answer, it names the ending in logs and attempts. */
    public static ApiException clientClosed(String message) {
        return new ApiException(499, INVALID, "client_closed_request", null, message, null, null);
    }

    /** 500 (or the status the HTTP layer failed with): a bug, detailed only in the logs. */
    public static ApiException internal(int status) {
        return new ApiException(status >= 400 ? status : 500, API, "internal_error", null,
                "Easel hit an unexpected error; the request id in x-request-id identifies it in the logs.", null, null);
    }

    /** 502: every candidate failed; {@code metadata.attempts} says how. */
    public static ApiException exhausted(String message) {
        return new ApiException(502, API, "all_providers_exhausted", null, message, null, null);
    }

    /** 502: the image was made but the store refused it. */
    public static ApiException storageFailed(String message) {
        return new ApiException(502, API, "storage_failed", null, message, null, null);
    }

    /** 503 while Easel drains on SIGTERM: new requests, and those cut off at the end of the grace period. */
    public static ApiException shuttingDown(String message) {
        return new ApiException(503, API, "shutting_down", null, message, Duration.ofSeconds(1), null);
    }

    /** 503: no capacity now, before any provider was called; {@code Retry-After} is sent. */
    public static ApiException serverBusy(String message, Duration retryAfter) {
        return new ApiException(503, API, "server_busy", null, message, retryAfter, null);
    }

    /**
     * 503: a request with an {@code Idempotency-Key} while the shared store (Redis) cannot be
     * reached; running it without the shared claim could charge twice. {@code Retry-After} is sent.
     */
    public static ApiException idempotencyUnavailable(String message, Duration retryAfter) {
        return new ApiException(503, API, "idempotency_unavailable", null, message, retryAfter, null);
    }

    /**
     * An answer of this table that another replica gave and shared (an idempotent request's
     * failure, read back from Redis), rebuilt field for field so every duplicate gets the same.
     */
    public static ApiException shared(int status, String type, String code, String param, String message,
                                      Duration retryAfter, java.util.Map<String, Object> metadata) {
        return new ApiException(status, type, code, param, message, retryAfter, metadata);
    }

    /** 504: the overall deadline passed. */
    public static ApiException upstreamTimeout(String message) {
        return new ApiException(504, API, "upstream_timeout", null, message, null, null);
    }

    /**
     * A provider failure that reached the HTTP edge unwrapped, under the provider's own
     * stable {@code code}; {@code status} comes from the edge's one mapping of error kinds.
     */
    public static ApiException providerFailure(int status, String code, String message, Duration retryAfter) {
        String type = status == 429 ? "rate_limit_error" : status < 500 ? INVALID : API;
        return new ApiException(status, type, code, null, message, retryAfter, null);
    }
}
