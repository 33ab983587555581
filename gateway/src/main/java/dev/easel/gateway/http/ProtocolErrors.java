package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the HTTP decoder could not read (headers over the limit, a request line too long,
 * malformed syntax) never reach the router; they are still answered in the JSON envelope with
 * {@code x-request-id}, and the connection is closed after the answer.
 */
final class ProtocolErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrors.class);

    private ProtocolErrors() {
    }

    static void invalidRequest(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        ApiException api;
        if (cause instanceof TooLongHttpHeaderException) {
            api = ApiErrors.headersTooLarge("The request headers are larger than this gateway accepts.");
        } else if (cause instanceof TooLongHttpLineException) {
            api = ApiErrors.uriTooLong("The request line is longer than this gateway accepts.");
        } else {
            api = ApiErrors.invalid(null, "The request could not be read as HTTP.");
        }
        String id = RequestIds.newId();
        LOG.info("request {} answered {} {} before routing", id, api.status(), api.code());
        request.response().putHeader("x-request-id", id).putHeader("connection", "close");
        ErrorResponder.send(request.response(), api);
    }
}
