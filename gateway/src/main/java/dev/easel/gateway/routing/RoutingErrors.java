package dev.easel.gateway.routing;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.api.ApiErrors;
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
            return ApiErrors.contentPolicy(route.slug() + " refused the request under its content policy: " + e.getMessage());
        }
        return ApiErrors.invalid(null, route.slug() + " rejected the request: " + e.getMessage());
    }

    /** A pinned route failed: no failover, so its own failure is the answer. */
    static ApiException pinnedFailure(ProviderException e, Route route) {
        return switch (e.kind()) {
            case RATE_LIMITED -> rateLimited(route.slug() + " is rate-limited", e.retryAfter());
            case TIMEOUT -> ApiErrors.upstreamTimeout(route.slug() + " did not answer in time: " + e.getMessage());
            default -> ApiErrors.exhausted(route.slug() + " failed with " + e.code() + ": " + e.getMessage()
                            + " (pinned slug: no failover; use '" + route.modelId() + "' to allow it)");
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
        return ApiErrors.exhausted("Every provider of '" + model + "' failed: " + how);
    }

    static ApiException deadline(long budgetMs) {
        return ApiErrors.upstreamTimeout("No provider delivered within the request deadline (" + budgetMs + " ms).");
    }

    static ApiException clientGone() {
        return ApiErrors.clientClosed("The client closed the connection; the generation was abandoned.");
    }

    static ApiException invalidSize(Route route, RuntimeException e) {
        return ApiErrors.invalid("size", "The requested size cannot be served by " + route.slug() + ": " + e.getMessage());
    }

    static ApiException noAdapter(String model) {
        return ApiErrors.providerNotConfigured("No configured provider can serve '" + model + "'.");
    }

    /** The same answer with {@code metadata.attempts} added, so every failure says what was tried. */
    static Throwable withAttempts(Throwable error, List<Attempt> attempts) {
        if (!(error instanceof ApiException e) || attempts.isEmpty()) {
            return error;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(e.metadata());
        metadata.put("attempts", attempts.stream().map(Attempt::toMap).toList());
        return e.withMetadata(metadata);
    }

    private static ApiException rateLimited(String what, Duration retryAfter) {
        Duration wait = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        return ApiErrors.rateLimited(what + "; retry after " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s.", wait);
    }

    /** One failover-worthy failure of a part, on the route that produced it. */
    record Failure(Route route, ProviderException error) {
    }
}
