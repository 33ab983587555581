package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP surface: the only class that knows the Vert.x {@link Router}. Every answer,
 * including 404, 405, 413 and unexpected failures, is JSON in OpenAI's error envelope and
 * carries {@code x-request-id}; a last-resort timeout makes sure no request hangs.
 */
public final class HttpVerticle extends VerticleBase {

    private final HttpRoutes routes;
    private final String host;
    private final int port;
    private HttpServer server;

    public HttpVerticle(HttpRoutes routes, String host, int port) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::assign);
        // Longer than the generation deadline: it only catches a request that would otherwise hang.
        router.route().handler(TimeoutHandler.create(routes.requestTimeout().plus(Duration.ofSeconds(30)).toMillis()));
        if (!routes.apiKeys().isEmpty()) {
            router.route("/v1/*").handler(new ApiKeyCheck(routes.apiKeys()));
        }
        router.post("/v1/images/generations")
                .handler(BodyHandler.create(false).setBodyLimit(routes.maxBodyBytes()))
                .handler(routes.generations());
        // No BodyHandler: the edits handler reads and bounds its multipart or JSON body itself.
        router.post("/v1/images/edits").handler(routes.edits());
        router.get("/v1/models").handler(routes.models()::list);
        router.getWithRegex("/v1/models/(.+)").handler(routes.models()::one);
        router.get("/v1/files/*").handler(routes.files()::handle);
        router.get("/healthz").handler(routes.health()::live);
        router.get("/readyz").handler(routes.health()::ready);
        router.get("/metrics").handler(routes.health()::metrics);
        router.route().last().handler(ctx -> ErrorResponder.respond(ctx,
                ApiErrors.notFound("No route for " + ctx.request().method() + " " + ctx.request().path() + ".")));
        router.route().failureHandler(HttpVerticle::failure);
        router.errorHandler(404, ctx -> ErrorResponder.respond(ctx, ApiErrors.notFound("No route for "
                + ctx.request().method() + " " + ctx.request().path() + ".")));
        router.errorHandler(405, ctx -> ErrorResponder.respond(ctx, ApiErrors.methodNotAllowed(ctx.request().method() + " is not allowed on " + ctx.request().path() + ".")));
        router.errorHandler(500, HttpVerticle::failure);

        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setCompressionSupported(true)
                .setIdleTimeout(0));
        return server.requestHandler(router).listen();
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
                case 503 -> ApiErrors.upstreamTimeout("The request took longer than the gateway allows.");
                case 400 -> ApiErrors.invalid(null, "The request could not be read.");
                case 404 -> ApiErrors.notFound("Not found.");
                default -> ApiErrors.internal(status);
            });
            return;
        }
        ErrorResponder.respond(ctx, failure);
    }

    /** {@code Authorization: Bearer <key>} against {@code EASEL_API_KEYS}, in constant time. */
    private record ApiKeyCheck(List<String> keys) implements Handler<RoutingContext> {
        @Override
        public void handle(RoutingContext ctx) {
            if (ctx.request().path().startsWith("/v1/files/")) {
                ctx.next(); // links handed out in responses must open in a browser
                return;
            }
            String header = ctx.request().getHeader("authorization");
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
            byte[] given = token.getBytes(StandardCharsets.UTF_8);
            boolean ok = false;
            for (String key : keys) {
                ok |= MessageDigest.isEqual(given, key.getBytes(StandardCharsets.UTF_8));
            }
            if (!ok) {
                ErrorResponder.respond(ctx, ApiErrors.authenticationFailed("Missing or wrong API key: send 'Authorization: Bearer <key>' with one of the gateway's EASEL_API_KEYS."));
                return;
            }
            ctx.next();
        }
    }
}
