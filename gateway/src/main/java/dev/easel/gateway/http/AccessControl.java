package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code Authorization: Bearer <key>} against {@code EASEL_API_KEYS}, in constant time, decided
 * on the normalized path the router matches. Every path needs a key except a short allow list
 * (DESIGN "Running it"): {@code /healthz}, {@code /readyz} (details only with a key),
 * {@code GET /v1/files/...} (random names), the playground's static page ({@code GET /} and
 * {@code /playground/...}: it asks for a key itself) and {@code /metrics} when
 * {@code EASEL_METRICS_PUBLIC}.
 * Anything else, unknown paths and odd spellings included, is refused without a key.
 */
final class AccessControl {

    private static final String AUTHENTICATED = "easel.authenticated";

    private final List<byte[]> keys;
    private final boolean metricsPublic;

    AccessControl(List<String> keys, boolean metricsPublic) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.metricsPublic = metricsPublic;
    }

    void check(RoutingContext ctx) {
        boolean authenticated = keys.isEmpty() || keyMatches(ctx.request().getHeader("authorization"));
        ctx.put(AUTHENTICATED, authenticated);
        if (authenticated || isPublic(ctx.request().method(), ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        ErrorResponder.respond(ctx, ApiErrors.authenticationFailed("Missing or wrong API key: send 'Authorization: Bearer <key>' with one of the gateway's EASEL_API_KEYS."));
    }

    /** True when the request carried a valid key, or when the gateway runs without keys. */
    static boolean authenticated(RoutingContext ctx) {
        return Boolean.TRUE.equals(ctx.get(AUTHENTICATED));
    }

    private boolean isPublic(HttpMethod method, String path) {
        return switch (path) {
            case "/healthz", "/readyz" -> true;
            case "/metrics" -> metricsPublic;
            // Links handed out in responses must open in a browser; names are 128 random bits.
            // The playground is static files that call the API with the key the person types in.
            default -> (method == HttpMethod.GET || method == HttpMethod.HEAD)
                    && (path.startsWith("/v1/files/") || path.equals("/") || path.startsWith("/playground/"));
        };
    }

    private boolean keyMatches(String header) {
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] key : keys) {
            ok |= MessageDigest.isEqual(given, key);
        }
        return ok;
    }
}
