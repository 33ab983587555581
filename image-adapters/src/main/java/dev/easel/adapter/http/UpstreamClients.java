package dev.easel.adapter.http;

import dev.easel.adapter.ProviderConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.codec.BodyCodec;

/**
 * The one {@link WebClient} an adapter creates for its provider, with sane timeouts and a cap
 * on every answer's size after decompression.
 */
public final class UpstreamClients {

    /** Connecting takes at most this long; a slow connect is a retryable failure. */
    public static final int CONNECT_TIMEOUT_MS = 10_000;
    /** No byte for this long on an open connection ends the call (Replicate's Prefer: wait holds up to 60 s). */
    public static final int IDLE_TIMEOUT_S = 75;
    /**
     * Largest answer body read from a provider, decompressed, unless the provider's catalog
     * {@code options} say {@value #MAX_BODY_OPTION}: room for ten large base64 images in one
     * JSON answer, far from what a gzip bomb would inflate to.
     */
    public static final long DEFAULT_MAX_BODY_BYTES = 100L * 1024 * 1024;
    /** The provider option (catalog {@code options}) that sets the body cap in bytes. */
    public static final String MAX_BODY_OPTION = "max_response_bytes";

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
        WebClient client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(64));
        long max = maxBodyBytes(config);
        // An interceptor, so every call of every adapter is capped without each one asking.
        client.addInterceptor(context -> capBody(context, max, config.id()));
        return client;
    }

    /** The cap for {@code config}: its {@value #MAX_BODY_OPTION} option, else the default. */
    public static long maxBodyBytes(ProviderConfig config) {
        Object value = config.options().get(MAX_BODY_OPTION);
        if (value instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        if (value instanceof String s && s.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(s);
        }
        return DEFAULT_MAX_BODY_BYTES;
    }

    private static <T> void capBody(HttpContext<T> context, long max, String provider) {
        if (context.phase() == ClientPhase.PREPARE_REQUEST) {
            HttpRequest<T> request = context.request();
            if (!(request.bodyCodec() instanceof CappedBodyCodec)) {
                request.as(new CappedBodyCodec<>(request.bodyCodec(), max, provider));
            }
        } else if (context.phase() == ClientPhase.RECEIVE_RESPONSE) {
            String length = context.clientResponse().getHeader("content-length");
            // A declared length past the cap fails before a byte of the body is read.
            if (length != null && length.matches("[0-9]{1,18}") && Long.parseLong(length) > max) {
                context.fail(CappedBodyCodec.tooLarge(provider, max, context.clientResponse().statusCode()));
                return;
            }
        }
        context.next();
    }
}
