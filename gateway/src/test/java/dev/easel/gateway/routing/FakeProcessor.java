package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageProcessor;
import dev.easel.gateway.job.ProcessedImage;
import dev.easel.media.ImageFormat;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Passes the fake bytes through; images of providers in {@link #undecodable} fail as INVALID_IMAGE. */
final class FakeProcessor implements ImageProcessor {

    final Set<String> undecodable = ConcurrentHashMap.newKeySet();

    @Override
    public Future<List<ProcessedImage>> process(Route route, AdapterResult result, NormalizedSize size) {
        if (undecodable.contains(route.provider())) {
            return Future.failedFuture(new ProviderException(ErrorKind.INVALID_IMAGE, route.provider(), 200,
                    "bytes are not an image"));
        }
        return Future.succeededFuture(result.images().stream()
                .map(img -> (GeneratedImage.Bytes) img)
                .map(b -> new ProcessedImage(b.data(), ImageFormat.PNG, new Dim(1024, 1024), null, null, null))
                .toList());
    }

    static String label(ProcessedImage image) {
        return new String(image.data(), StandardCharsets.UTF_8);
    }
}
