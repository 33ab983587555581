package dev.easel.gateway.http;

import dev.easel.adapter.Warning;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.api.GenerationRequestParser;
import dev.easel.gateway.api.StrictJson;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.InputPreparer;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.routing.IdempotencyCache;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.gateway.routing.Plan;
import dev.easel.gateway.routing.RequestContext;
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
    private final ImageDelivery delivery;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Duration requestTimeout;
    private final InputPreparer preparer;
    private final IdempotencyCache<Answer> idempotency = new IdempotencyCache<>();

    GenerationsHandler(GenerationRequestParser parser, ImageJobService service, OutputPipeline pipeline,
                       InputPreparer preparer, Admission admission, ImageDelivery delivery, GatewayMetrics metrics,
                       Clock clock, Duration requestTimeout) {
        this.parser = parser;
        this.preparer = preparer;
        this.service = service;
        this.pipeline = pipeline;
        this.admission = admission;
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
        try {
            json = body(ctx);
            req = parser.parse(json);
        } catch (ApiException e) {
            metrics.request(e.status(), started);
            ErrorResponder.respond(ctx, e);
            return;
        }
        serve(ctx, req, IdempotencyCache.fingerprint(json), started);
    }

    /**
     * Everything after parsing, shared by every endpoint that produces an {@link ImageJob}: a
     * dry-run plan, or the job run with failover and delivered, shared through
     * {@code Idempotency-Key} by requests whose {@code fingerprint} (their content) is equal.
     */
    void serve(RoutingContext ctx, ImageJob req, String fingerprint, long started) {
        String requestId = RequestIds.of(ctx);
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
        String key = ctx.request().getHeader("idempotency-key");
        if (key != null && key.length() > 255) {
            ErrorResponder.respond(ctx, ApiErrors.invalid(null, "The Idempotency-Key header must be at most 255 characters."));
            return;
        }
        // The only refusal for capacity (generations and edits alike), before any provider is called.
        if (!admission.tryEnter()) {
            metrics.request(503, started);
            ErrorResponder.respond(ctx, Admission.busy());
            return;
        }
        Future<Answer> answer;
        try {
            if (key == null || key.isBlank()) {
                Promise<Void> clientGone = Promise.promise();
                ctx.response().closeHandler(v -> clientGone.tryComplete());
                answer = run(req, requestId, clientGone.future());
            } else {
                // The first caller dropping its connection must not cancel a generation its retry will share;
                // keys are scoped by caller so one client cannot read another's answer by guessing its key.
                String scoped = IdempotencyCache.fingerprint(callerOf(ctx)) + ":" + key;
                answer = idempotency.execute(scoped, fingerprint,
                        () -> run(req, requestId, Promise.<Void>promise().future()));
            }
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e); // the place taken at the door is given back below either way
        }
        answer.onComplete(x -> admission.leave()).onSuccess(a -> {
            metrics.request(200, started);
            if (ctx.response().closed()) {
                return;
            }
            ctx.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("x-easel-provider", a.provider())
                    .putHeader("x-easel-model", a.model())
                    .putHeader("x-easel-attempts", Integer.toString(a.attempts()))
                    .end(a.body());
        }).onFailure(e -> {
            metrics.request(ErrorResponder.toApi(e).status(), started);
            ErrorResponder.respond(ctx, e);
        });
    }

    private Future<Answer> run(ImageJob req, String requestId, Future<Void> clientGone) {
        RequestContext rc = new RequestContext(requestId, clock.instant().plus(requestTimeout), clientGone);
        return service.run(req, rc, pipeline.processorFor(req), preparer)
                .compose(g -> {
                    metrics.generation(g);
                    return delivery.deliver(g, req, requestId)
                            .map(body -> new Answer(g.route().provider(), g.route().modelId(), g.attempts().size(), body));
                });
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

    /** A rendered answer: small enough to keep in the idempotency cache and replay as is. */
    private record Answer(String provider, String model, int attempts, Buffer body) {
    }
}
