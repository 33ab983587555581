package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Time limits on what a client sends, so idle, slow-header and slow-body connections cannot
 * pile up. A new connection must deliver its first request's headers within the header timeout;
 * a kept-alive connection with no request in progress is closed after the idle timeout; a body
 * must arrive within the body timeout of its headers, else 408 and the connection is closed.
 * While a request is being served (a generation may take minutes) no timer runs: the request's
 * own deadline applies. All state lives on the server's event loop.
 */
final class ConnectionDeadlines {

    private final Vertx vertx;
    private final long headerMillis;
    private final long idleMillis;
    private final long bodyMillis;
    private final Map<HttpConnection, State> connections = new HashMap<>();

    private static final class State {
        long timer = -1;
        int inFlight;
    }

    ConnectionDeadlines(Vertx vertx, Duration header, Duration idle, Duration body) {
        this.vertx = vertx;
        this.headerMillis = header.toMillis();
        this.idleMillis = idle.toMillis();
        this.bodyMillis = body.toMillis();
    }

    /** Server connection handler: the first request's headers are due within the header timeout. */
    void opened(HttpConnection connection) {
        State state = new State();
        connections.put(connection, state);
        arm(connection, state, headerMillis);
        connection.closeHandler(v -> {
            State s = connections.remove(connection);
            if (s != null) {
                vertx.cancelTimer(s.timer);
            }
        });
    }

    /** First router handler: a request arrived (headers complete); the idle clock restarts when the last one ends. */
    void requestStarted(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        State state = connections.get(connection);
        if (state != null) {
            vertx.cancelTimer(state.timer);
            state.inFlight++;
            ctx.addEndHandler(v -> {
                state.inFlight--;
                if (state.inFlight == 0 && connections.get(connection) == state) {
                    arm(connection, state, idleMillis);
                }
            });
        }
        ctx.next();
    }

    /** Before a body handler: the whole body is due within the body timeout, else 408 and close. */
    void bodyDue(RoutingContext ctx) {
        long timer = vertx.setTimer(bodyMillis, id -> {
            if (!ctx.request().isEnded() && !ctx.response().ended()) {
                ctx.response().putHeader("connection", "close");
                ErrorResponder.respond(ctx, ApiErrors.requestTimeout("The request body did not arrive within " + bodyMillis + " ms."));
                ctx.request().connection().close(); // after the answer, which is already queued
            }
        });
        ctx.addEndHandler(v -> vertx.cancelTimer(timer));
        ctx.next();
    }

    private void arm(HttpConnection connection, State state, long millis) {
        state.timer = vertx.setTimer(millis, id -> connection.close());
    }
}
