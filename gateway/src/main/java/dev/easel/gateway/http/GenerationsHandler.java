package dev.easel.gateway.http;

import dev.easel.adapter.Warning;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.api.GenerationRequestParser;
import dev.easel.gateway.api.StreamOptions;
import dev.easel.gateway.api.StrictJson;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.InputPreparer;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.WorkKind;
import dev.easel.gateway.pipeline.ImageEventWriter;
import dev.easel.gateway.pipeline.ImagesBody;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.gateway.routing.Plan;
import dev.easel.gateway.routing.RequestContext;
import dev.easel.gateway.state.Fingerprint;
import dev.easel.gateway.state.IdempotencyStore;
import dev.easel.gateway.state.Idempotent;
import dev.easel.gateway.state.StoredAnswer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code POST /v1/images/generations}: parse, then either plan ({@code ?dry_run=true}) or
 * generate with failover and deliver. With an {@code Idempotency-Key}, repeated and
 * concurrent requests share one generation and get the same rendered answer.
 */
final class GenerationsHandler implements Handler<RoutingContext> {

    private final GenerationRequestParser parser;
    private final ImageJobService service;
    private final OutputPipeline pipeline;
    private final Admission admission;
    private final WorkerPool workers;
    private final ImageDelivery delivery;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Duration requestTimeout;
    private final InputPreparer preparer;
    private final IdempotencyStore<StoredAnswer> idempotency;
    private final ImageStreams streams;
    private final Duration keepalive;

    GenerationsHandler(GenerationRequestParser parser, ImageJobService service, OutputPipeline pipeline,
                       InputPreparer preparer, WorkerPool workers, Admission admission, ImageDelivery delivery,
                       GatewayMetrics metrics,
                       Clock clock, Duration requestTimeout, Duration keepalive,
                       IdempotencyStore<StoredAnswer> idempotency) {
        this.streams = new ImageStreams(service, pipeline, preparer, delivery, workers, metrics, clock, requestTimeout);
        this.keepalive = keepalive;
        this.parser = parser;
        this.preparer = preparer;
        this.idempotency = idempotency;
        this.service = service;
        this.pipeline = pipeline;
        this.admission = admission;
        this.workers = workers;
        this.delivery = delivery;
        this.metrics = metrics;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        JsonObject json;
        ImageJob req;
        StreamOptions streaming;
        try {
            json = body(ctx);
            req = parser.parse(json);
            streaming = StreamOptions.of(json);
        } catch (ApiException e) {
            metrics.request(e.status(), started);
            ErrorResponder.respond(ctx, e);
            return;
        }
        String fingerprint = keyed(ctx.request()) ? Fingerprint.of(json).hex() : null;
        serve(ctx, req, streaming, fingerprint, started);
    }

    /**
     * Everything after parsing, shared by every endpoint that produces an {@link ImageJob}: a
     * dry-run plan, or the job run with failover and delivered, shared through
     * {@code Idempotency-Key} by requests whose {@code fingerprint} (their content; null when
     * the request has no key) is equal;
     * written as one JSON answer, or as events when {@code streaming} says so.
     */
    void serve(RoutingContext ctx, ImageJob req, StreamOptions streaming, String fingerprint, long started) {
        String requestId = RequestIds.of(ctx);
        AccessFields.asked(ctx, req.model(), req.n(), req.prompt());
        if ("true".equalsIgnoreCase(ctx.queryParams().get("dry_run"))) {
            try {
                ctx.response().putHeader("content-type", "application/json").end(plan(service.plan(req)).toBuffer());
                metrics.request(200, started);
            } catch (RuntimeException e) {
                metrics.request(ErrorResponder.toApi(e).status(), started);
                ErrorResponder.respond(ctx, e);
            }
            return;
        }
        // The only refusal for capacity (generations and edits alike), before any provider is called.
        if (!admission.tryEnter()) {
            metrics.request(503, started);
            ErrorResponder.respond(ctx, Admission.busy());
            return;
        }
        Future<?> done;
        try {
            done = streaming.stream() ? streamed(ctx, req, streaming, fingerprint, started)
                    : answered(ctx, req, fingerprint, started);
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        // The place is held until the job is over, not until the client leaves: an abandoned job shared
        // through an Idempotency-Key still runs and still holds images.
        done.onComplete(x -> admission.leave());
    }

    private Future<?> answered(RoutingContext ctx, ImageJob req, String fingerprint, long started) {
        String requestId = RequestIds.of(ctx);
        String key = ctx.request().getHeader("idempotency-key");
        Future<Answer> answer;
        if (key == null || key.isBlank()) {
            Promise<Void> clientGone = Promise.promise();
            ctx.response().closeHandler(v -> clientGone.tryComplete());
            // Shutdown cuts a request off the same way a client leaving does: the generation is abandoned.
            answer = run(req, requestId, Future.any(clientGone.future(), Drain.cancelled(ctx)).mapEmpty());
        } else if (key.length() > 255) {
            ErrorResponder.respond(ctx, ApiErrors.invalid(null, "The Idempotency-Key header must be at most 255 characters."));
            return Future.succeededFuture();
        } else {
            // The first caller dropping its connection must not cancel a generation its retry will share;
            // keys are scoped by caller so one client cannot read another's answer by guessing its key.
            String scoped = Fingerprint.sha256(callerOf(ctx)) + ":" + key;
            // A kept answer is one buffer: its base64 is written out once, on a worker, for every replay.
            answer = Idempotent.execute(idempotency, scoped, new Fingerprint(fingerprint), clock.instant().plus(requestTimeout),
                            () -> run(req, requestId, Drain.cancelled(ctx))
                                    .compose(a -> workers.submit(WorkKind.ENCODE_B64, a::kept)))
                    .map(Answer::of);
        }
        return answer.onSuccess(a -> {
            metrics.request(200, started);
            AccessFields.served(ctx, a.model(), a.provider(), a.attempts(), a.cost());
            if (ctx.response().closed()) {
                return;
            }
            ctx.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("x-easel-provider", a.provider())
                    .putHeader("x-easel-model", a.model())
                    .putHeader("x-easel-attempts", Integer.toString(a.attempts()));
            ImagesBodySender.send(ctx.vertx(), ctx.response(), a.body());
        }).onFailure(e -> {
            metrics.request(ErrorResponder.toApi(e).status(), started);
            ErrorResponder.respond(ctx, e);
        });
    }

    /**
     * {@code stream: true}: errors found before any provider is called (model, size, the
     * idempotency key) are plain JSON; after that the answer is an event stream and every
     * failure an {@code error} event. A replay of a streamed request streams the first one's
     * completed events.
     */
    private Future<?> streamed(RoutingContext ctx, ImageJob req, StreamOptions options, String fingerprint, long started) {
        String requestId = RequestIds.of(ctx);
        try {
            service.plan(req);
        } catch (RuntimeException e) {
            metrics.request(ErrorResponder.toApi(e).status(), started);
            ErrorResponder.respond(ctx, e);
            return Future.succeededFuture();
        }
        String key = ctx.request().getHeader("idempotency-key");
        if (key != null && key.length() > 255) {
            ErrorResponder.respond(ctx, ApiErrors.invalid(null, "The Idempotency-Key header must be at most 255 characters."));
            return Future.succeededFuture();
        }
        EventStream stream = new EventStream(ctx.vertx(), ctx.response(), keepalive);
        Future<StoredAnswer> answer;
        if (key == null || key.isBlank()) {
            answer = streams.run(req, options, requestId, stream.clientGone(), stream).map(GenerationsHandler::stored);
        } else {
            String scoped = Fingerprint.sha256(callerOf(ctx)) + ":" + key;
            answer = Idempotent.execute(idempotency, scoped, new Fingerprint(fingerprint),
                    clock.instant().plus(requestTimeout),
                    () -> streams.run(req, options, requestId, Promise.<Void>promise().future(), stream)
                            .map(GenerationsHandler::stored));
            if (answer.failed()) {
                // The key was reused with another body: known before anything was streamed.
                metrics.request(ErrorResponder.toApi(answer.cause()).status(), started);
                ErrorResponder.respond(ctx, answer.cause());
                return Future.succeededFuture();
            }
        }
        ctx.response()
                .putHeader("x-easel-stream", "true");
        stream.open();
        // Previews are appended while the job runs; the last frames only once it is over, after them.
        return answer.onComplete(ar -> {
            // The status went out as 200 when the stream opened: a failure now is the answer's
            // outcome (its code in the access line and easel_request_seconds), not its status.
            metrics.request(200, started);
            ApiException api = ar.succeeded() ? null : ErrorResponder.toApi(ar.cause());
            if (api == null) {
                StoredAnswer a = ar.result();
                AccessFields.served(ctx, a.model(), a.provider(), a.attempts(), a.cost());
            } else {
                AccessFields.failed(ctx, api.code(), api.metadata());
            }
            // An error event is a few hundred bytes: rendered here, and never refused for lack of workers.
            stream.finish(() -> Future.succeededFuture(api == null ? ar.result().body() : ImageEventWriter.error(api)));
        });
    }

    private Future<Answer> run(ImageJob req, String requestId, Future<Void> clientGone) {
        RequestContext rc = new RequestContext(requestId, clock.instant().plus(requestTimeout), clientGone);
        return service.run(req, rc, pipeline.processorFor(req), preparer)
                .compose(g -> {
                    metrics.generation(g);
                    return delivery.deliver(g, req, requestId)
                            .map(body -> new Answer(g.route().provider(), g.route().modelId(), g.attempts().size(),
                                    g.cost(), body));
                });
    }

    /** A JSON answer about to be sent: who served it, and its body. */
    private record Answer(String provider, String model, int attempts, java.math.BigDecimal cost, ImagesBody body) {

        static Answer of(StoredAnswer kept) {
            return new Answer(kept.provider(), kept.model(), kept.attempts(), kept.cost(), ImagesBody.of(kept.body()));
        }

        /** The whole answer in one buffer, to keep for replays: CPU work for a worker. */
        StoredAnswer kept() {
            return new StoredAnswer(provider, model, attempts, cost, body.toBuffer());
        }
    }

    /** Only a request with an Idempotency-Key is ever compared with another: without one, no fingerprint. */
    static boolean keyed(io.vertx.core.http.HttpServerRequest request) {
        return request.headers().contains("idempotency-key");
    }

    private static String callerOf(RoutingContext ctx) {
        String auth = ctx.request().getHeader("authorization");
        return auth == null ? "" : auth;
    }

    static JsonObject plan(Plan plan) {
        JsonArray candidates = new JsonArray();
        for (Plan.Candidate c : plan.candidates()) {
            candidates.add(new JsonObject()
                    .put("provider", c.provider())
                    .put("provider_model", c.providerModel())
                    .put("slug", c.slug())
                    .put("priority", c.priority())
                    .put("weight", c.weight())
                    .put("health", c.health().name().toLowerCase())
                    .put("available", c.available())
                    .put("configured", c.configured())
                    .put("cooldown_until", c.cooldownUntil() == null ? null : c.cooldownUntil().toString())
                    .put("sent", c.sent().toString())
                    .put("expected", c.expected() == null ? null : c.expected().toString())
                    .put("calls", c.calls())
                    .put("estimated_cost", c.estimatedCost())
                    .put("warnings", warnings(c.warnings())));
        }
        return new JsonObject()
                .put("object", "generation.plan")
                .put("dry_run", true)
                .put("model", plan.model())
                .put("pinned", plan.pinned())
                .put("n", plan.n())
                .put("estimated_cost", new JsonObject().put("amount", plan.estimatedCost()).put("currency", "USD"))
                .put("candidates", candidates)
                .put("warnings", warnings(plan.warnings()));
    }

    static JsonArray warnings(java.util.List<Warning> list) {
        JsonArray out = new JsonArray();
        for (Warning w : list) {
            out.add(new JsonObject(w.toMap()));
        }
        return out;
    }

    private static JsonObject body(RoutingContext ctx) {
        Buffer raw = ctx.body().buffer();
        return StrictJson.object(raw == null ? null : raw.getBytes());
    }

    /** A streamed answer as kept for replays: its completed events. */
    private static StoredAnswer stored(ImageStreams.Rendered r) {
        return new StoredAnswer(r.provider(), r.model(), r.attempts(), r.cost(), r.events());
    }
}
