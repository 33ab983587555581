package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.api.GenerationRequest;
import dev.easel.gateway.api.GenerationRequestParser;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.routing.Generation;
import dev.easel.gateway.routing.GenerationService;
import dev.easel.gateway.routing.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/** {@code POST /v1/images/generations}: parse, generate (with failover), deliver. */
final class GenerationsHandler implements Handler<RoutingContext> {

    private final GenerationRequestParser parser;
    private final GenerationService service;
    private final OutputPipeline pipeline;
    private final ImageDelivery delivery;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Duration requestTimeout;

    GenerationsHandler(GenerationRequestParser parser, GenerationService service, OutputPipeline pipeline,
                       ImageDelivery delivery, GatewayMetrics metrics, Clock clock, Duration requestTimeout) {
        this.parser = parser;
        this.service = service;
        this.pipeline = pipeline;
        this.delivery = delivery;
        this.metrics = metrics;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        String requestId = RequestIds.of(ctx);
        GenerationRequest req;
        try {
            req = parser.parse(body(ctx));
        } catch (ApiException e) {
            metrics.request(e.status(), started);
            ErrorResponder.respond(ctx, e);
            return;
        }
        if (pipeline.workers().saturated()) {
            metrics.request(503, started);
            ErrorResponder.respond(ctx, dev.easel.gateway.pipeline.WorkerPool.busy());
            return;
        }
        Promise<Void> clientGone = Promise.promise();
        ctx.response().closeHandler(v -> clientGone.tryComplete());
        RequestContext rc = new RequestContext(requestId, clock.instant().plus(requestTimeout), clientGone.future());

        Future<Generation> generation = service.generate(req, rc, pipeline.processorFor(req));
        generation
                .compose(g -> delivery.deliver(g, req, requestId).map(body -> new Answer(g, body)))
                .onSuccess(answer -> {
                    metrics.generation(answer.generation(), started);
                    metrics.request(200, started);
                    if (ctx.response().closed()) {
                        return;
                    }
                    ctx.response()
                            .putHeader("content-type", "application/json")
                            .putHeader("x-easel-provider", answer.generation().route().provider())
                            .putHeader("x-easel-model", answer.generation().route().modelId())
                            .putHeader("x-easel-attempts", Integer.toString(answer.generation().attempts().size()))
                            .end(answer.body());
                })
                .onFailure(e -> {
                    metrics.request(ErrorResponder.toApi(e).status(), started);
                    ErrorResponder.respond(ctx, e);
                });
    }

    private static JsonObject body(RoutingContext ctx) {
        Buffer raw = ctx.body().buffer();
        if (raw == null || raw.length() == 0) {
            throw ApiException.invalid(null, "The request body is empty; send a JSON object with at least 'prompt'.");
        }
        try {
            Object parsed = io.vertx.core.json.Json.decodeValue(raw);
            if (!(parsed instanceof JsonObject obj)) {
                throw ApiException.invalid(null, "The request body must be a JSON object.");
            }
            return obj;
        } catch (DecodeException e) {
            throw ApiException.invalid(null, "The request body is not valid JSON.");
        }
    }

    private record Answer(Generation generation, Buffer body) {
    }
}
