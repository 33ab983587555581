package dev.easel.gateway.routing;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-request facts the routing layer needs.
 *
 * @param requestId the {@code x-request-id}
 * @param deadline  one overall deadline across every attempt
 * @param clientGone completes when the HTTP client disconnects (never, for replays)
 */
public record RequestContext(String requestId, Instant deadline, Future<Void> clientGone) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(clientGone, "clientGone");
    }
}
