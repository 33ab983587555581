package dev.easel.gateway.routing;

import dev.easel.adapter.PartialImages;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-request facts the routing layer needs.
 *
 * @param requestId the {@code x-request-id}
 * @param deadline  one overall deadline across every attempt
 * @param clientGone completes when the HTTP client disconnects (never, for replays)
 * @param partials  previews a streaming caller asked for; each one reaches its sink with its
 *                  index in the whole answer ({@code image_index}), whichever part made it
 */
public record RequestContext(String requestId, Instant deadline, Future<Void> clientGone, PartialImages partials) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(clientGone, "clientGone");
        partials = partials == null ? PartialImages.NONE : partials;
    }

    /** A caller that wants no previews. */
    public RequestContext(String requestId, Instant deadline, Future<Void> clientGone) {
        this(requestId, deadline, clientGone, PartialImages.NONE);
    }
}
