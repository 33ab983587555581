package dev.easel.adapter.http;

import dev.easel.adapter.ProviderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** The one {@link WebClient} an adapter creates for its provider, with sane timeouts. */
public final class UpstreamClients {

    /** Connecting takes at most this long; a slow connect is a retryable failure. */
    public static final int CONNECT_TIMEOUT_MS = 10_000;
    /** No byte for this long on an open connection ends the call (Replicate's Prefer: wait holds up to 60 s). */
    public static final int IDLE_TIMEOUT_S = 75;

    private UpstreamClients() {
    }

    public static WebClient create(Vertx vertx, ProviderConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setIdleTimeout(IDLE_TIMEOUT_S)
                .setKeepAlive(true)
                .setFollowRedirects(false)
                .setUserAgent("easel-gateway")
                .setDecompressionSupported(true);
        return WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(64));
    }
}
