package dev.easel.adapter;

import io.vertx.core.Future;

/**
 * One provider's image API. An adapter maps one normalized request to one upstream call
 * (or one job driven by the shared poller) and returns what the provider gave, URL or
 * bytes. It never transcodes, resizes or uploads: that is the gateway's output pipeline.
 *
 * <p>Implementations must never block the calling event loop and must complete the returned
 * future exactly once: with an {@link AdapterResult}, or failed with a
 * {@link ProviderException}.
 */
public interface ImageAdapter {

    /**
     * Performs {@link AdapterRequest#operation()}: a generation, or an edit of
     * {@link AdapterRequest#inputs()} (and its mask). The gateway sends edits only to routes
     * whose catalog entry declares that they edit.
     */
    Future<AdapterResult> generate(AdapterRequest request);

    /**
     * Whether this adapter hands previews to {@link AdapterRequest#partials()} for that model
     * when they are asked for. The gateway says in a warning when a streaming caller asked for
     * previews from a route that cannot send them.
     */
    default boolean streamsPartials(String providerModel) {
        return false;
    }

    /** Releases clients created by the adapter; called once at shutdown. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
