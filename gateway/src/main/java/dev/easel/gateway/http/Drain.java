package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown (DESIGN "Running it"): once {@link #drain} starts, {@code /readyz} says
 * 503 and new requests get 503 {@code shutting_down}; requests already in flight get the
 * grace period to finish. Whatever is still running then is answered 503 and its
 * {@link #cancelled} signal fires, which abandons the generation and cancels its upstream jobs.
 * {@code /healthz} and {@code /metrics} keep answering: the process is alive until it exits.
 */
public final class Drain implements Handler<RoutingContext> {

    private static final String KEY = "easel.drain";

    private final Map<RoutingContext, Running> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger generations = new AtomicInteger();
    private volatile boolean draining;
    private volatile Promise<Void> idle;

    private record Running(Context context, Promise<Void> cancel) {
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.equals("/healthz") || path.equals("/metrics")) {
            ctx.next();
            return;
        }
        if (draining) {
            if (path.equals("/readyz")) {
                ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("status", "shutting_down").toBuffer());
            } else {
                ErrorResponder.respond(ctx, shuttingDown("Easel is shutting down; retry on another instance."));
            }
            return;
        }
        Running running = new Running(Vertx.currentContext(), Promise.promise());
        inFlight.put(ctx, running);
        ctx.put(KEY, running.cancel.future());
        boolean generation = path.equals("/v1/images/generations");
        if (generation) {
            generations.incrementAndGet();
        }
        ctx.addEndHandler(x -> {
            inFlight.remove(ctx);
            if (generation) {
                generations.decrementAndGet();
            }
            Promise<Void> waiting = idle;
            if (waiting != null && inFlight.isEmpty()) {
                waiting.tryComplete();
            }
        });
        ctx.next();
    }

    /** Completes when the gateway gives up on this request at the end of the grace period. */
    public static Future<Void> cancelled(RoutingContext ctx) {
        Future<Void> f = ctx.get(KEY);
        return f == null ? Promise.<Void>promise().future() : f;
    }

    public boolean draining() {
        return draining;
    }

    /** Generation requests being served now (the in-flight gauge). */
    public int generationsInFlight() {
        return generations.get();
    }

    /**
     * Stops taking requests and waits up to {@code grace} for those in flight; then answers
     * the rest 503 and cancels their work. Completes with how many were cut off.
     */
    public Future<Integer> drain(Vertx vertx, Duration grace) {
        Promise<Void> done = Promise.promise();
        idle = done;
        draining = true;
        if (inFlight.isEmpty()) {
            done.tryComplete();
        }
        long timer = vertx.setTimer(Math.max(1, grace.toMillis()), id -> done.tryComplete());
        return done.future().map(x -> {
            vertx.cancelTimer(timer);
            List<Map.Entry<RoutingContext, Running>> left = List.copyOf(inFlight.entrySet());
            for (Map.Entry<RoutingContext, Running> e : left) {
                Running r = e.getValue();
                Runnable cut = () -> {
                    // Answer first, then cancel: the generation's own failure must not answer instead.
                    ErrorResponder.respond(e.getKey(), shuttingDown(
                            "Easel shut down before this request finished; its upstream work was cancelled."));
                    r.cancel.tryComplete();
                };
                if (r.context != null) {
                    r.context.runOnContext(v -> cut.run());
                } else {
                    cut.run();
                }
            }
            return left.size();
        });
    }

    private static ApiException shuttingDown(String message) {
        return dev.easel.gateway.api.ApiErrors.shuttingDown(message);
    }
}
