package dev.easel.adapter;

import dev.easel.adapter.poll.JobPoller;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Objects;

/**
 * What an adapter gets at creation: the Vert.x instance (for its one {@code WebClient}), its
 * catalog entry, a clock (injected so polling and deadlines are testable), the shared worker
 * pool for CPU work such as rendering, and the one {@link JobPoller} every job-queue adapter
 * shares (created and closed by the gateway, never by an adapter).
 */
public record ProviderContext(Vertx vertx, ProviderConfig config, Clock clock, WorkerExecutor worker,
                              JobPoller poller) {

    public ProviderContext {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(poller, "poller");
    }
}
