package dev.easel.adapter;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Objects;

/**
 * What an adapter gets at creation: the Vert.x instance (for its one {@code WebClient} and
 * timers), its catalog entry, a clock (injected so polling and deadlines are testable) and
 * the shared worker pool for CPU work such as rendering.
 */
public record ProviderContext(Vertx vertx, ProviderConfig config, Clock clock, WorkerExecutor worker) {

    public ProviderContext {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(worker, "worker");
    }
}
