package dev.easel.gateway.job;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import io.vertx.core.Future;
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
}
