package dev.easel.gateway.http;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become OpenAI's error envelope
 * {@code {"error": {message, type, param, code}}}, and the one place they are logged.
 */
public final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {
    }

    /** Maps anything thrown while serving a request to the API's error shape. */
    public static ApiException toApi(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof ProviderException pe) {
            return ApiErrors.providerFailure(status(pe.kind()), pe.code(),
                    pe.getMessage() == null ? pe.code() : pe.getMessage(), pe.retryAfter());
        }
        return ApiErrors.internal(500);
    }

    /**
     * The one mapping of provider error kinds to HTTP statuses. Routing normally wraps
     * provider failures in the public table's answers first; this covers one that was not.
     */
    static int status(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED -> 429;
            case TIMEOUT -> 504;
            case CONTENT_POLICY, INVALID_REQUEST -> 400;
            case UNAVAILABLE, NO_IMAGE, INVALID_IMAGE, AUTH, QUOTA, UPSTREAM -> 502;
        };
    }

    public static void respond(RoutingContext ctx, Throwable failure) {
        ApiException api = toApi(failure);
        String requestId = RequestIds.of(ctx);
        if (api.status() >= 500 && !(failure instanceof ApiException) && !(failure instanceof ProviderException)) {
            LOG.error("request {} failed unexpectedly", requestId, failure);
        } else {
            LOG.info("request {} answered {} {}", requestId, api.status(), api.code());
        }
        send(ctx.response(), api);
    }

    public static void send(HttpServerResponse response, ApiException api) {
        if (response.ended() || response.closed()) {
            return;
        }
        JsonObject error = new JsonObject()
                .put("message", api.getMessage())
                .put("type", api.type())
                .put("param", api.param())
                .put("code", api.code());
        JsonObject body = new JsonObject().put("error", error);
        if (!api.metadata().isEmpty()) {
            body.put("metadata", new JsonObject(Map.copyOf(api.metadata())));
        }
        if (api.retryAfter() != null) {
            response.putHeader("retry-after", Long.toString(Math.max(1, (api.retryAfter().toMillis() + 999) / 1000)));
        }
        response.setStatusCode(api.status())
                .putHeader("content-type", "application/json")
                .end(body.toBuffer());
    }
}
