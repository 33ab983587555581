package dev.easel.gateway.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.easel.gateway.metrics.RequestMeters;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access line per request, written when the response ends (or the client goes away),
 * and the request meters fed from the same facts. Fields are structured arguments: in JSON
 * logs they become members ({@code request_id}, {@code latency_ms}, ...), in text logs
 * {@code key=value}. The caller appears by key name, never by key; the prompt only with
 * {@code EASEL_LOG_PROMPTS=true}.
 */
public final class AccessLog implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("easel.access");
    /** Vert.x reports a request whose client left before the answer as never ended; nginx calls it 499. */
    private static final int CLIENT_CLOSED = 499;

    private final CallerNames callers;
    private final boolean logPrompts;
    private final RequestMeters meters;

    public AccessLog(List<dev.easel.gateway.config.ApiKey> keys, boolean logPrompts, RequestMeters meters) {
        this.callers = new CallerNames(keys);
        this.logPrompts = logPrompts;
        this.meters = meters;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        AccessFields fields = AccessFields.attach(ctx);
        ctx.addEndHandler(ended -> write(ctx, fields, started, ctx.response().ended()));
        ctx.next();
    }

    private void write(RoutingContext ctx, AccessFields f, long started, boolean answered) {
        long nanos = System.nanoTime() - started;
        int status = answered ? ctx.response().getStatusCode() : CLIENT_CLOSED;
        String code = f.code != null ? f.code : answered ? null : "client_closed_request";
        String path = ctx.request().path();
        String route = route(path);
        String outcome = status < 400 ? "ok" : code != null ? code : "http_" + status;
        meters.request(route, "generations".equals(route) || "edits".equals(route) ? f.model : null, f.provider, outcome, nanos);
        if (f.code != null && !f.tried.isEmpty()) {
            meters.attempts(f.model, f.tried, false);
        }
        List<Object> args = new ArrayList<>(14);
        args.add(kv("request_id", RequestIds.of(ctx)));
        args.add(kv("method", ctx.request().method().name()));
        args.add(kv("path", path));
        args.add(kv("status", status));
        args.add(kv("code", code));
        args.add(kv("model", f.model));
        args.add(kv("provider", f.provider));
        args.add(kv("attempts", f.attempts));
        args.add(kv("n", f.n));
        args.add(kv("latency_ms", nanos / 1_000_000));
        args.add(kv("cost", f.cost == null ? null : f.cost.stripTrailingZeros()));
        args.add(kv("caller", callers.of(ctx.request().getHeader("authorization"))));
        if (logPrompts && f.prompt != null) {
            args.add(kv("prompt", f.prompt));
        }
        LOG.info("access" + " {}".repeat(args.size()), args.toArray());
    }

    private static String route(String path) {
        if (path.equals("/v1/images/generations")) {
            return "generations";
        }
        if (path.equals("/v1/images/edits")) {
            return "edits";
        }
        if (path.startsWith("/v1/models")) {
            return "models";
        }
        if (path.startsWith("/v1/files/")) {
            return "files";
        }
        if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics")) {
            return "health";
        }
        return "other";
    }
}
