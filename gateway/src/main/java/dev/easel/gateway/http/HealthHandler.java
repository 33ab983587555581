package dev.easel.gateway.http;

import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
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

    HealthHandler(Catalog catalog, WorkerPool workers, Admission admission, GatewayMetrics metrics, Supplier<Map<String, Object>> routeHealth) {
        this.catalog = catalog;
        this.workers = workers;
        this.admission = admission;
        this.metrics = metrics;
        this.routeHealth = routeHealth;
    }

    void live(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "application/json").end(new JsonObject().put("status", "ok").toBuffer());
    }

    void ready(RoutingContext ctx) {
        JsonObject providers = new JsonObject();
        for (Provider p : catalog.providers().values()) {
            providers.put(p.id(), new JsonObject().put("adapter", p.config().adapter()).put("configured", p.configured()));
        }
        boolean busy = admission.full();
        if (!AccessControl.authenticated(ctx)) {
            // Without a key: the status only; providers, routes and counts are for key holders.
            ctx.response().setStatusCode(busy ? 503 : 200).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", busy ? "busy" : "ready").toBuffer());
            return;
        }
        JsonObject body = new JsonObject()
                .put("status", busy ? "busy" : "ready")
                .put("default_model", catalog.defaultModel())
                .put("providers", providers)
                .put("routes", new JsonObject(routeHealth.get()))
                .put("jobs", new JsonObject().put("in_flight", admission.inFlight()).put("max", admission.max()))
                .put("workers", new JsonObject().put("in_flight", workers.inFlight()).put("waiting", workers.waiting()));
        ctx.response().setStatusCode(busy ? 503 : 200).putHeader("content-type", "application/json").end(body.toBuffer());
    }

    void metrics(RoutingContext ctx) {
        ctx.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
