package dev.easel.gateway.routing;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.Route;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The routing layer's answers other than success, in the public error table's terms. */
final class RoutingErrors {

    /** Sent with a 429 when no provider said how long to wait. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private RoutingErrors() {
    }

    /** The user's own error, reported by the provider: returned at once, never failed over. */
    static ApiException userError(ProviderException e, Route route) {
        if (e.kind() == ErrorKind.CONTENT_POLICY) {
            return new ApiException(400, "invalid_request_error", "content_policy_violation", "prompt",
                    route.slug() + " refused the request under its content policy: " + e.getMessage(), null, null);
        }
        return new ApiException(400, "invalid_request_error", "invalid_request", null,
                route.slug() + " rejected the request: " + e.getMessage(), null, null);
    }

    /** A pinned route failed: no failover, so its own failure is the answer. */
    static ApiException pinnedFailure(ProviderException e, Route route) {
        return switch (e.kind()) {
            case RATE_LIMITED -> rateLimited(route.slug() + " is rate-limited", e.retryAfter());
            case TIMEOUT -> new ApiException(504, "api_error", "upstream_timeout", null,
                    route.slug() + " did not answer in time: " + e.getMessage(), null, null);
            default -> new ApiException(502, "api_error", "all_providers_exhausted", null,
                    route.slug() + " failed with " + e.code() + ": " + e.getMessage()
                            + " (pinned slug: no failover; use '" + route.modelId() + "' to allow it)", null, null);
        };
    }

    /** Every candidate failed for one part of the request. */
    static ApiException exhausted(String model, List<Failure> failures) {
        if (!failures.isEmpty() && failures.stream().allMatch(f -> f.error().kind() == ErrorKind.RATE_LIMITED)) {
            Duration soonest = failures.stream().map(f -> f.error().retryAfter()).filter(Objects::nonNull)
                    .min(Duration::compareTo).orElse(null);
            return rateLimited("Every provider of '" + model + "' is rate-limited", soonest);
        }
        String how = failures.stream().map(f -> f.route().slug() + ": " + f.error().code() + " (" + f.error().getMessage() + ")")
                .collect(Collectors.joining("; "));
        return new ApiException(502, "api_error", "all_providers_exhausted", null,
                "Every provider of '" + model + "' failed: " + how, null, null);
    }

    static ApiException deadline(long budgetMs) {
        return new ApiException(504, "api_error", "upstream_timeout", null,
                "No provider delivered within the request deadline (" + budgetMs + " ms).", null, null);
    }

    static ApiException clientGone() {
        return new ApiException(499, "invalid_request_error", "client_closed_request", null,
                "The client closed the connection; the generation was abandoned.", null, null);
    }

    static ApiException invalidSize(Route route, RuntimeException e) {
        return ApiException.invalid("size", "The requested size cannot be served by " + route.slug() + ": " + e.getMessage());
    }

    static ApiException noAdapter(String model) {
        return new ApiException(400, "invalid_request_error", "provider_not_configured", "model",
                "No configured provider can serve '" + model + "'.", null, null);
    }

    /** The same answer with {@code metadata.attempts} added, so every failure says what was tried. */
    static Throwable withAttempts(Throwable error, List<Attempt> attempts) {
        if (!(error instanceof ApiException e) || attempts.isEmpty()) {
            return error;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(e.metadata());
        metadata.put("attempts", attempts.stream().map(Attempt::toMap).toList());
        return new ApiException(e.status(), e.type(), e.code(), e.param(), e.getMessage(), e.retryAfter(), metadata);
    }

    private static ApiException rateLimited(String what, Duration retryAfter) {
        Duration wait = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        return new ApiException(429, "rate_limit_error", "rate_limited", null,
                what + "; retry after " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s.", wait, null);
    }

    /** One failover-worthy failure of a part, on the route that produced it. */
    record Failure(Route route, ProviderException error) {
    }
}
