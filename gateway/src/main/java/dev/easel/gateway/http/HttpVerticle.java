package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP surface: the only class that knows the Vert.x {@link Router}. Every answer,
 * including 404, 405, 413 and unexpected failures, is JSON in OpenAI's error envelope and
 * carries {@code x-request-id}; a last-resort timeout makes sure no request hangs.
 */
public final class HttpVerticle extends VerticleBase {

    /** Longest request line (method, URI, version): longer ones get 414. */
    static final int MAX_REQUEST_LINE = 4096;
    /** Largest header block: larger ones get 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final HttpRoutes routes;
    private final String host;
    private final int port;
    private final String publicUrl;
    private final GatewayConfig.Edge edge;
    private final List<Handler<RoutingContext>> first;
    private HttpServer server;

    public HttpVerticle(HttpRoutes routes, String host, int port, String publicUrl, GatewayConfig.Edge edge) {
        this(routes, host, port, publicUrl, edge, List.of());
    }

    /** @param first handlers every request passes first, after its id is assigned (access log, drain) */
    public HttpVerticle(HttpRoutes routes, String host, int port, String publicUrl, GatewayConfig.Edge edge,
                        List<Handler<RoutingContext>> first) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.host = host;
        this.port = port;
        this.publicUrl = publicUrl;
        this.edge = Objects.requireNonNull(edge, "edge");
        this.first = List.copyOf(first);
    }

    @Override
    public Future<?> start() {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(vertx, edge.headerTimeout(), edge.idleTimeout(),
                edge.bodyTimeout());
        HostCheck hosts = new HostCheck(host, this::actualPort, publicUrl, edge.allowedHosts());
        AccessControl access = new AccessControl(routes.apiKeys(), edge.metricsPublic());
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        router.route().handler(deadlines::requestStarted);
        // The access log and the drain see every request, also those the edge checks refuse.
        first.forEach(h -> router.route().handler(h));
        // Edge checks, in order: one path spelling, addressed to us, then the key.
        router.route().handler(CanonicalPath::check);
        router.route().handler(hosts::check);
        router.route().handler(access::check);
        // Longer than the generation deadline: it only catches a request that would otherwise hang.
        router.route().handler(TimeoutHandler.create(routes.requestTimeout().plus(Duration.ofSeconds(30)).toMillis()));
        // Vert.x wants a body handler first on its route: the checks before it get their own route.
        router.post("/v1/images/generations")
                .handler(JsonContentType::require)
                .handler(deadlines::bodyDue);
        router.post("/v1/images/generations")
                .handler(BodyHandler.create(false).setBodyLimit(routes.maxBodyBytes()))
                .handler(routes.rateLimit())
                .handler(routes.generations());
        // No BodyHandler: the edits handler reads and bounds its multipart or JSON body itself.
        router.post("/v1/images/edits")
                .handler(deadlines::bodyDue)
                .handler(routes.rateLimit())
                .handler(routes.edits());
        router.get("/v1/models").handler(routes.models()::list);
        router.getWithRegex("/v1/models/(.+)").handler(routes.models()::one);
        router.get("/v1/files/*").handler(routes.files()::handle);
        router.get("/healthz").handler(routes.health()::live);
        router.get("/readyz").handler(routes.health()::ready);
        router.get("/metrics").handler(routes.health()::metrics);
        if (routes.playground() != null) {
            // Outside /v1, so no key: the page itself asks for one (README "Playground").
            router.get("/").handler(routes.playground()::index);
            router.get("/playground/:asset").handler(routes.playground()::asset);
        }
        router.route().last().handler(ctx -> ErrorResponder.respond(ctx,
                ApiErrors.notFound("No route for " + ctx.request().method() + " " + SafeEcho.of(ctx.request().path()) + ".")));
        router.route().failureHandler(HttpVerticle::failure);
        router.errorHandler(404, ctx -> ErrorResponder.respond(ctx, ApiErrors.notFound("No route for "
                + ctx.request().method() + " " + SafeEcho.of(ctx.request().path()) + ".")));
        router.errorHandler(405, ctx -> ErrorResponder.respond(ctx, ApiErrors.methodNotAllowed(
                ctx.request().method() + " is not allowed on " + SafeEcho.of(ctx.request().path()) + ".")));
        router.errorHandler(500, HttpVerticle::failure);

        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setCompressionSupported(true)
                // Plain HTTP/1.1 only: with cleartext HTTP/2 detection a silent connection is not handed over (nor timed) until its first bytes.
                .setHttp2ClearTextEnabled(false)
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                // Connection deadlines are ours (ConnectionDeadlines): Netty's idle timeout would also
                // close a connection whose generation legitimately sends nothing for minutes.
                .setIdleTimeout(0));
        return server
                .connectionHandler(deadlines::opened)
                .invalidRequestHandler(ProtocolErrors::invalidRequest)
                .requestHandler(router)
                .listen();
    }

    /** The port actually bound (tests ask for port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    private static void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null || failure instanceof io.vertx.ext.web.handler.HttpException) {
            int status = failure == null ? ctx.statusCode() : ((io.vertx.ext.web.handler.HttpException) failure).getStatusCode();
            ErrorResponder.respond(ctx, switch (status) {
                case 413 -> ApiErrors.payloadTooLarge("The request body is larger than this gateway accepts.");
                case 503 -> {
                    // The last-resort timeout: the request may still be sending, so the connection goes too.
                    ctx.response().putHeader("connection", "close");
                    yield ApiErrors.upstreamTimeout("The request took longer than the gateway allows.");
                }
                case 400 -> ApiErrors.invalid(null, "The request could not be read.");
                case 404 -> ApiErrors.notFound("Not found.");
                default -> ApiErrors.internal(status);
            });
            return;
        }
        if (isUnreadableRequest(failure)) {
            // A body that failed while being read (a malformed chunk size, say) is the client's doing:
            // a 400, no stack trace, and the connection goes since its framing is lost.
            ctx.response().putHeader("connection", "close");
            ErrorResponder.respond(ctx, ApiErrors.invalid(null, "The request body could not be read."));
            return;
        }
        ErrorResponder.respond(ctx, failure);
    }

    private static boolean isUnreadableRequest(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            StackTraceElement[] at = t.getStackTrace();
            if (t instanceof io.netty.handler.codec.DecoderException
                    || at.length > 0 && at[0].getClassName().startsWith("io.netty.handler.codec.")) {
                return true;
            }
        }
        return false;
    }
}
