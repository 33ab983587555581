package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.state.Fingerprint;
import dev.easel.gateway.state.RateLimiter;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code EASEL_RATE_LIMIT_RPM} on the generation endpoints, per caller key (the hash of its
 * {@code Authorization} header; every caller without one shares one budget). Past the limit:
 * 429 {@code rate_limited} with {@code Retry-After}, before any provider is called. Dry runs
 * call no provider and are not counted.
 */
final class RateLimitHandler implements Handler<RoutingContext> {

    private final RateLimiter limiter;

    RateLimitHandler(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (limiter == null || "true".equalsIgnoreCase(ctx.queryParams().get("dry_run"))) {
            ctx.next();
            return;
        }
        String auth = ctx.request().getHeader("authorization");
        String caller = auth == null ? "anonymous" : Fingerprint.sha256(auth);
        Context context = Vertx.currentContext();
        limiter.acquire(caller).onComplete(ar -> context.runOnContext(v -> {
            Duration wait = ar.succeeded() ? ar.result() : Duration.ZERO;
            if (wait.isZero()) {
                ctx.next();
                return;
            }
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ErrorResponder.respond(ctx, ApiErrors.rateLimited(
                    "This key sent more than its requests per minute (EASEL_RATE_LIMIT_RPM); retry after " + seconds
                            + " s.", wait));
        }));
    }
}
