package dev.easel.gateway.job;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Turns what a provider returned into deliverable images (fetch, sniff, transcode, crop).
 * Called inside the failover loop: a failed future with a failover-worthy
 * {@link dev.easel.adapter.ProviderException} (undecodable bytes, no image) sends the part to
 * the next route.
 */
@FunctionalInterface
public interface ImageProcessor {

    Future<List<ProcessedImage>> process(Route route, AdapterResult result, NormalizedSize size);

    /**
     * As {@link #process(Route, AdapterResult, NormalizedSize)}, with the call's deadline and a
     * future that completes when nobody waits for the call any more: downloads must finish
     * before the one and stop at the other.
     */
    default Future<List<ProcessedImage>> process(Route route, AdapterResult result, NormalizedSize size,
                                                 Instant deadline, Future<Void> abandoned) {
        return process(route, result, size);
    }
}
