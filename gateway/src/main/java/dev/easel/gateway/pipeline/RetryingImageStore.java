package dev.easel.gateway.pipeline;

import dev.easel.storage.ImageObject;
import dev.easel.storage.ImageStore;
import dev.easel.storage.StoredImage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The image store as the gateway uses it: each put is tried a second time before it fails,
 * because by then the provider has been paid and an error tells the caller not to retry
 * ({@code storage_failed} carries {@code x-should-retry: false}); and every put and
 * readiness check is timed. Keys embed the request id, so a second put overwrites, never duplicates.
 */
public final class RetryingImageStore implements ImageStore {

    private static final Duration[] BUCKETS = Stream.of(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final ImageStore store;
    private final Timer stored;
    private final Timer failed;
    private final Counter retries;
    private final Timer checks;

    public RetryingImageStore(ImageStore store, MeterRegistry meters) {
        this.store = store;
        this.stored = putTimer(meters, "stored");
        this.failed = putTimer(meters, "failed");
        this.retries = Counter.builder("easel_storage_retries_total")
                .description("Image puts that failed once and were tried again").register(meters);
        this.checks = Timer.builder("easel_storage_check_seconds")
                .description("Readiness checks of the image store (bucket head, folder write)").register(meters);
    }

    private static Timer putTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("easel_storage_put_seconds").description("Storing one image, retry included")
                .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(meters);
    }

    @Override
    public CompletableFuture<StoredImage> put(ImageObject image) {
        long started = System.nanoTime();
        return store.put(image)
                .exceptionallyCompose(first -> {
                    retries.increment();
                    return store.put(image);
                })
                .whenComplete((ok, error) -> (error == null ? stored : failed)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    @Override
    public CompletableFuture<Void> checkReady() {
        long started = System.nanoTime();
        return store.checkReady()
                .whenComplete((ok, error) -> checks.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** The check as a Vert.x future, failed with the store's own exception rather than a CompletionException. */
    public io.vertx.core.Future<Void> checkReady(io.vertx.core.Context context) {
        return io.vertx.core.Future.fromCompletionStage(checkReady(), context).recover(e -> io.vertx.core.Future.failedFuture(
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
