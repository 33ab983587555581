package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.api.EditRequestParser;
import dev.easel.gateway.api.FormFile;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.IdempotencyCache;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/images/edits} in both of OpenAI's shapes. The body is read here, bounded as
 * it arrives by {@code EASEL_MAX_EDIT_BODY_BYTES} so nothing unbounded is buffered, decoded on
 * the worker pool (each file then bounded by {@code EASEL_MAX_INPUT_BYTES}); then the job runs
 * exactly as a generation does ({@link GenerationsHandler#serve}).
 */
final class EditsHandler implements Handler<RoutingContext> {

    /** A text field of a multipart edit: a 32,000-character prompt in UTF-8 fits. */
    private static final int MAX_VALUE_BYTES = 256 * 1024;

    private final EditRequestParser parser;
    private final GenerationsHandler flow;
    private final GatewayMetrics metrics;
    private final EditLimits limits;
    private final WorkerPool workers;

    EditsHandler(EditRequestParser parser, GenerationsHandler flow, GatewayMetrics metrics, EditLimits limits,
                 WorkerPool workers) {
        this.parser = parser;
        this.workers = workers;
        this.flow = flow;
        this.metrics = metrics;
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String type = String.valueOf(request.getHeader("content-type")).toLowerCase(Locale.ROOT);
        String length = request.getHeader("content-length");
        if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > limits.maxBodyBytes()) {
            fail(ctx, tooLarge(), started);
            return;
        }
        Future<Parsed> parsed;
        if (type.startsWith("multipart/form-data")) {
            String contentType = request.getHeader("content-type");
            parsed = readBody(request)
                    .compose(body -> workers.submit(() -> MultipartBodies.decode(body, contentType,
                            limits.maxInputBytes(), MAX_VALUE_BYTES)))
                    .compose(m -> parser.parseMultipart(m.form(), m.files())
                            .map(job -> new Parsed(job, fingerprint(m.form(), m.files()))));
        } else if (type.startsWith("application/json")) {
            parsed = readBody(request).compose(body -> {
                Object value;
                try {
                    value = Json.decodeValue(body);
                } catch (DecodeException e) {
                    return Future.failedFuture(ApiErrors.invalid(null, "The request body is not valid JSON."));
                }
                if (!(value instanceof JsonObject json)) {
                    return Future.failedFuture(ApiErrors.invalid(null, "The request body must be a JSON object."));
                }
                return parser.parseJson(json).map(job -> new Parsed(job, IdempotencyCache.fingerprint(json)));
            });
        } else {
            request.resume();
            fail(ctx, ApiErrors.invalid(null, "Send the edit as multipart/form-data (files 'image' or 'image[]', "
                    + "optional 'mask') or as application/json ('images': [{\"image_url\": ...}])."), started);
            return;
        }
        parsed.onSuccess(p -> flow.serve(ctx, p.job(), p.fingerprint(), started))
                .onFailure(e -> fail(ctx, e, started));
    }

    private record Parsed(ImageJob job, String fingerprint) {
    }

    private Future<Buffer> readBody(HttpServerRequest request) {
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > limits.maxBodyBytes()) {
                done.tryFail(tooLarge());
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> done.tryFail(ApiErrors.invalid(null, "The request body could not be read.")));
        request.endHandler(v -> done.tryComplete(body));
        request.resume();
        return done.future();
    }

    /** The request's content for Idempotency-Key: its form values and a digest of each file, in order. */
    private static String fingerprint(MultiMap form, List<FormFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : form.entries()) {
                sha.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (FormFile f : files) {
                sha.update((f.field() + ":" + f.data().length + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(f.data());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static ApiException tooLarge() {
        return ApiErrors.payloadTooLarge("The edit request is larger than this gateway accepts (EASEL_MAX_EDIT_BODY_BYTES).");
    }

    private void fail(RoutingContext ctx, Throwable e, long started) {
        ApiException api = ErrorResponder.toApi(e);
        metrics.request(api.status(), started);
        boolean unread = !ctx.request().isEnded();
        if (ctx.response().ended()) {
            return;
        }
        if (unread) {
            // The rest of an oversize or refused body is not worth reading: end the connection.
            ctx.response().putHeader("connection", "close");
            ctx.response().endHandler(v -> ctx.request().connection().close());
        }
        ErrorResponder.respond(ctx, e);
    }
}
