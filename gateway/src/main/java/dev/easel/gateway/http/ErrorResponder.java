package dev.easel.gateway.http;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Secrets;
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
            // The access line reports every answer with its code; this is for tracing only.
            LOG.debug("request {} answered {} {}", requestId, api.status(), api.code());
        }
        AccessFields.failed(ctx, api.code(), api.metadata());
        send(ctx.response(), api);
    }

    /** Every 4xx but 429 is the caller's to fix; after storage_failed the image was paid for, and a retry pays again. */
    static boolean retryCanHelp(ApiException api) {
        if ("storage_failed".equals(api.code())) {
            return false;
        }
        return api.status() == 429 || api.status() < 400 || api.status() >= 500;
    }

    public static void send(HttpServerResponse response, ApiException api) {
        if (response.ended() || response.closed()) {
            return;
        }
        // Provider text reaches messages (codes, statuses): the last chance to mask a key it echoed.
        JsonObject error = new JsonObject()
                .put("message", Secrets.scrub(api.getMessage()))
                .put("type", api.type())
                .put("param", api.param())
                .put("code", api.code());
        JsonObject body = new JsonObject().put("error", error);
        if (!api.metadata().isEmpty()) {
            body.put("metadata", new JsonObject(Secrets.scrub(new JsonObject(Map.copyOf(api.metadata())).encode())));
        }
        if (api.retryAfter() != null) {
            response.putHeader("retry-after", Long.toString(Math.max(1, (api.retryAfter().toMillis() + 999) / 1000)));
        }
        if (!retryCanHelp(api)) {
            // The OpenAI SDKs retry 409s and 5xx on their own unless told otherwise.
            response.putHeader("x-should-retry", "false");
        }
        response.setStatusCode(api.status())
                .putHeader("content-type", "application/json")
                .end(body.toBuffer());
    }
}
