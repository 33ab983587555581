package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses a request whose raw path is not in canonical form, before auth and routing see it:
 * dot segments ({@code /./}, {@code /../}, also percent-encoded), empty segments ({@code //}),
 * backslashes, encoded NUL and control characters; under {@code /v1/files/} any percent escape
 * at all (stored names never need one). Auth and the router then read one and the same path:
 * no spelling can make the key check see another route than the one that serves the request.
 */
final class CanonicalPath {

    private CanonicalPath() {
    }

    static void check(RoutingContext ctx) {
        String raw = ctx.request().path();
        if (raw == null || !canonical(raw)) {
            ErrorResponder.respond(ctx, ApiErrors.invalid(null,
                    "The request path is not in canonical form: no '.' or '..' segments, '//', backslashes or encoded dots."));
            return;
        }
        ctx.next();
    }

    static boolean canonical(String raw) {
        if (!raw.startsWith("/") || raw.contains("//") || raw.indexOf('\\') >= 0) {
            return false;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%5c") || lower.contains("%00")) {
            return false;
        }
        if (lower.startsWith("/v1/files/") && lower.indexOf('%') >= 0) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
