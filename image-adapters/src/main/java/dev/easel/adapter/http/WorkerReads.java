package dev.easel.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Reading a large 2xx answer on the worker pool: parsing and decoding megabytes of base64
 * is CPU work that must stay off the event loop.
 */
public final class WorkerReads {

    private WorkerReads() {
    }

    /**
     * Runs {@code read} on {@code worker}; a failure it did not raise as a
     * {@link dev.easel.adapter.ProviderException} becomes {@link UpstreamFailures#unreadable}.
     *
     * @param what what the provider should have answered ({@code "an ImagesResponse"})
     */
    public static <T> Future<T> read(WorkerExecutor worker, String provider, int status, String what,
                                     Callable<T> read) {
        // Unordered: independent answers need not wait for each other.
        return worker.<T>executeBlocking(read, false)
                .recover(e -> Future.failedFuture(UpstreamFailures.unreadable(provider, status, what, e)));
    }
}
