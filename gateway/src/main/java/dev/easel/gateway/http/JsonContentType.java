package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * JSON endpoints take {@code application/json} only. A browser page on another site can send
 * {@code text/plain} or a form without asking first; it cannot send JSON without a CORS
 * preflight, which Easel never grants. So this check is what stops blind cross-site requests.
 */
final class JsonContentType {

    private JsonContentType() {
    }

    static void require(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            ErrorResponder.respond(ctx, ApiErrors.unsupportedMediaType("This endpoint takes 'Content-Type: application/json', got "
                            + (type == null ? "none" : "'" + SafeEcho.of(type) + "'") + "."));
            return;
        }
        ctx.next();
    }
}
