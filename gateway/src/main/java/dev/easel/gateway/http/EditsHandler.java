package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.api.EditRequestParser;
import dev.easel.gateway.api.FormFile;
import dev.easel.gateway.api.StrictJson;
import dev.easel.gateway.api.StreamOptions;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.pipeline.WorkKind;
import dev.easel.gateway.state.Fingerprint;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

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
        // An edit body can be tens of megabytes: it is decoded, and hashed for an Idempotency-Key
        // (only when one is sent), on a worker, never on the event loop.
        boolean keyed = GenerationsHandler.keyed(request);
        Future<Parsed> parsed;
        if (type.startsWith("multipart/form-data")) {
            String contentType = request.getHeader("content-type");
            parsed = readBody(request)
                    .compose(body -> workers.submit(WorkKind.DECODE_MULTIPART, () -> {
                        MultipartBodies.Decoded m = MultipartBodies.decode(body, contentType, limits.maxInputBytes(),
                                MAX_VALUE_BYTES);
                        return new Read<>(m, keyed ? fingerprint(m.form(), m.files()) : null);
                    }))
                    .compose(read -> parser.parseMultipart(read.body().form(), read.body().files())
                            .map(job -> new Parsed(job, StreamOptions.ofForm(read.body().form().get("stream"),
                                    read.body().form().get("partial_images")), read.fingerprint())));
        } else if (type.startsWith("application/json")) {
            parsed = readBody(request)
                    // The same strict reading as generations: no comments, no duplicate keys, bounded depth.
                    .compose(body -> workers.submit(WorkKind.DECODE_JSON, () -> {
                        JsonObject json = StrictJson.object(body.getBytes());
                        return new Read<>(json, keyed ? Fingerprint.of(json).hex() : null);
                    }))
                    .compose(read -> parser.parseJson(read.body())
                            .map(job -> new Parsed(job, StreamOptions.of(read.body()), read.fingerprint())));
        } else {
            request.resume();
            fail(ctx, ApiErrors.invalid(null, "Send the edit as multipart/form-data (files 'image' or 'image[]', "
                    + "optional 'mask') or as application/json ('images': [{\"image_url\": ...}])."), started);
            return;
        }
        parsed.onSuccess(p -> flow.serve(ctx, p.job(), p.streaming(), p.fingerprint(), started))
                .onFailure(e -> fail(ctx, e, started));
    }

    /** A decoded body, and its fingerprint when the request carries an Idempotency-Key (else null). */
    private record Read<T>(T body, String fingerprint) {
    }

    private record Parsed(ImageJob job, StreamOptions streaming, String fingerprint) {
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

    /** The request's content for Idempotency-Key: its form values, then every file's bytes in order. */
    private static String fingerprint(MultiMap form, List<FormFile> files) {
        JsonObject values = new JsonObject();
        for (String name : form.names()) {
            values.put(name, new JsonArray(form.getAll(name)));
        }
        Fingerprint.Builder builder = Fingerprint.builder(values);
        for (FormFile f : files) {
            builder.part(f.field(), f.data());
        }
        return builder.build().hex();
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
