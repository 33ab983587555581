package dev.easel.gateway.routing;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.adapter.size.SizeNormalizer;
import dev.easel.gateway.api.GenerationRequest;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.pipeline.ProcessedImage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one generation: resolve the model, normalize the size for the route, split {@code n}
 * into calls of at most {@code maxImagesPerCall}, call the adapter, process the images.
 * First cut: the first configured route only, no failover.
 */
public final class GenerationService {

    private final ModelResolver resolver;
    private final Map<String, ImageAdapter> adapters;
    private final Clock clock;

    public GenerationService(Catalog catalog, Map<String, ImageAdapter> adapters, Clock clock) {
        this.resolver = new ModelResolver(Objects.requireNonNull(catalog, "catalog"));
        this.adapters = Map.copyOf(adapters);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Future<Generation> generate(GenerationRequest req, RequestContext ctx, ImageProcessor processor) {
        ModelResolver.Resolution resolution;
        try {
            resolution = resolver.resolve(req.model());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Route route = resolution.routes().get(0);
        NormalizedSize size = SizeNormalizer.normalize(req.size(), route.capabilities().size());
        ImageAdapter adapter = adapters.get(route.provider());
        int perCall = route.capabilities().maxImagesPerCall();
        Promise<Void> abandon = Promise.promise();
        ctx.clientGone().onComplete(x -> abandon.tryComplete());

        List<Warning> warnings = new ArrayList<>(size.warnings());
        List<Future<List<ProcessedImage>>> parts = new ArrayList<>();
        long started = clock.millis();
        for (int done = 0; done < req.n(); done += perCall) {
            int n = Math.min(perCall, req.n() - done);
            AdapterRequests.Built built = AdapterRequests.build(req, route, size, n, ctx.requestId(),
                    ctx.deadline(), abandon.future());
            if (done == 0) {
                warnings.addAll(built.warnings());
            }
            parts.add(adapter.generate(built.request())
                    .compose(result -> {
                        warnings.addAll(result.warnings());
                        return processor.process(route, result, size);
                    }));
        }
        return Future.all(parts).map(all -> {
            List<ProcessedImage> images = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                images.addAll(all.<List<ProcessedImage>>resultAt(i));
            }
            long latency = clock.millis() - started;
            Attempt attempt = new Attempt(route.provider(), route.providerModel(), "succeeded", null, latency);
            BigDecimal cost = route.pricePerImage().multiply(BigDecimal.valueOf(images.size()));
            return new Generation(route, images, size, List.of(attempt), warnings, cost, Map.of());
        }).onFailure(e -> abandon.tryComplete());
    }
}
