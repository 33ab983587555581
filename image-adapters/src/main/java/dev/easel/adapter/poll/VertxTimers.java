package dev.easel.adapter.poll;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.Objects;

/** {@link Timers} on Vert.x: the production implementation. */
final class VertxTimers implements Timers {

    private final Vertx vertx;

    VertxTimers(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    @Override
    public long setTimer(long delayMs, Handler<Long> handler) {
        return vertx.setTimer(delayMs, handler);
    }

    @Override
    public boolean cancelTimer(long id) {
        return vertx.cancelTimer(id);
    }
}
