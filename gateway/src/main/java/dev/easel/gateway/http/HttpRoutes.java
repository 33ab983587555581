package dev.easel.gateway.http;

import dev.easel.gateway.api.EditRequestParser;
import dev.easel.gateway.api.GenerationRequestParser;
import dev.easel.gateway.fetch.MediaFetcher;
import dev.easel.gateway.pipeline.EditInputPreparer;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.gateway.state.SharedState;
import dev.easel.storage.LocalImageStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything {@link HttpVerticle} mounts; {@code playground} is null when {@code EASEL_PLAYGROUND=false}.
 */
public record HttpRoutes(GenerationsHandler generations, EditsHandler edits, ModelsHandler models, FilesHandler files,
                         HealthHandler health, List<String> apiKeys, long maxBodyBytes, Duration requestTimeout,
                         PlaygroundAssets playground, RateLimitHandler rateLimit) {

    /** Assembles the handlers; {@code localStore} is null when images live in S3. */
    public static HttpRoutes create(Catalog catalog, ImageJobService service, OutputPipeline pipeline,
                                    WorkerPool workers, Admission admission, ImageDelivery delivery, GatewayMetrics metrics, LocalImageStore localStore,
                                    Function<Route, Map<String, Object>> routeHealth,
                                    Supplier<Map<String, Object>> allRouteHealth, Clock clock,
                                    List<String> apiKeys, long maxBodyBytes, Duration requestTimeout,
                                    MediaFetcher fetcher, EditLimits editLimits,
                                    boolean playground, Supplier<Future<Void>> storageReady,
                                    Duration streamKeepalive, SharedState state) {
        GenerationRequestParser fields = new GenerationRequestParser(catalog.defaultModel());
        GenerationsHandler generations = new GenerationsHandler(fields, service, pipeline,
                new EditInputPreparer(workers, editLimits.maxPixels()), workers, admission, delivery, metrics, clock,
                requestTimeout, streamKeepalive, state.idempotency());
        EditsHandler edits = new EditsHandler(new EditRequestParser(fields, workers, fetcher, editLimits.maxPixels(),
                editLimits.maxInputBytes()), generations, metrics, editLimits, workers);
        return new HttpRoutes(generations, edits,
                new ModelsHandler(catalog, routeHealth, clock.instant().getEpochSecond()),
                new FilesHandler(localStore),
                new HealthHandler(catalog, workers, admission, metrics, allRouteHealth, storageReady, state::readiness),
                List.copyOf(apiKeys), maxBodyBytes, requestTimeout,
                playground ? PlaygroundAssets.load() : null, new RateLimitHandler(state.rateLimiter()));
    }
}
