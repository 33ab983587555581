package dev.easel.adapter.poll;

import io.vertx.core.Future;

/**
 * One submitted upstream job as the poller sees it. Implementations hold the job's URLs
 * and the adapter's client; they never block.
 */
public interface PolledJob<T> {

    /** The catalog provider id, used in errors the poller raises itself (timeouts). */
    String provider();

    /**
     * Asks the provider once where the job stands. A failed future means the check itself
     * failed; a {@link dev.easel.adapter.ProviderException} of a transient kind
     * ({@code RATE_LIMITED}, {@code UNAVAILABLE}, {@code TIMEOUT}) or any non-provider
     * exception (connection error) is retried, anything else ends the job.
     */
    Future<PollStep<T>> check();

    /**
     * Asks the provider to stop the job. Called at most once, fire-and-forget, when the
     * deadline passes or the caller abandons the job; the default does nothing (BFL has no
     * cancel endpoint).
     */
    default Future<Void> cancel() {
        return Future.succeededFuture();
    }
}
