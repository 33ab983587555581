package dev.easel.gateway.http;

import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /healthz} (the process answers), {@code /readyz} (it can serve), {@code /metrics}. */
final class HealthHandler {

    private final Catalog catalog;
    private final WorkerPool workers;
    private final Admission admission;
    private final GatewayMetrics metrics;
    private final Supplier<Map<String, Object>> routeHealth;
    private final Supplier<Future<Void>> storageReady;
    private final Supplier<Map<String, Object>> sharedState;

    /**
     * @param storageReady checks the image store now (bucket head, folder write); fails with what is wrong
     * @param sharedState  what /readyz says of Redis (shared state), when it is used
     */
    HealthHandler(Catalog catalog, WorkerPool workers, Admission admission, GatewayMetrics metrics,
                  Supplier<Map<String, Object>> routeHealth, Supplier<Future<Void>> storageReady,
                  Supplier<Map<String, Object>> sharedState) {
        this.sharedState = sharedState;
        this.catalog = catalog;
        this.workers = workers;
        this.admission = admission;
        this.metrics = metrics;
        this.routeHealth = routeHealth;
        this.storageReady = storageReady;
    }

    void live(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "application/json").end(new JsonObject().put("status", "ok").toBuffer());
    }

    /** Ready when requests can be served end to end: the store takes images and a worker is free. */
    void ready(RoutingContext ctx) {
        storageReady.get().timeout(3, java.util.concurrent.TimeUnit.SECONDS).onComplete(storage -> {
            if (!ctx.response().ended()) {
                ready(ctx, storage.succeeded() ? null : storage.cause());
            }
        });
    }

    private void ready(RoutingContext ctx, Throwable storageFailure) {
        JsonObject providers = new JsonObject();
        for (Provider p : catalog.providers().values()) {
            providers.put(p.id(), new JsonObject().put("adapter", p.config().adapter()).put("configured", p.configured()));
        }
        boolean busy = admission.full();
        String status = storageFailure != null ? "storage_unavailable" : busy ? "busy" : "ready";
        int code = busy || storageFailure != null ? 503 : 200;
        if (!AccessControl.authenticated(ctx)) {
            // Without a key: the status only; storage details, providers, routes and counts are for key holders.
            ctx.response().setStatusCode(code).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", status).toBuffer());
            return;
        }
        JsonObject storage = new JsonObject().put("ok", storageFailure == null);
        if (storageFailure != null) {
            storage.put("error", storageFailure instanceof dev.easel.storage.StorageException
                    ? storageFailure.getMessage() : "the image store did not answer (" + storageFailure.getClass().getSimpleName() + ")");
        }
        JsonObject body = new JsonObject()
                .put("status", status)
                .put("storage", storage)
                .put("default_model", catalog.defaultModel())
                .put("providers", providers)
                .put("routes", new JsonObject(routeHealth.get()))
                .put("jobs", new JsonObject().put("in_flight", admission.inFlight()).put("max", admission.max()))
                .put("workers", new JsonObject().put("in_flight", workers.inFlight()).put("waiting", workers.waiting()))
                // Redis down is not "not ready": requests without an Idempotency-Key still work.
                .put("shared_state", new JsonObject(sharedState.get()));
        ctx.response().setStatusCode(code).putHeader("content-type", "application/json").end(body.toBuffer());
    }

    void metrics(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
