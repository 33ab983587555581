package dev.easel.gateway.http;

import dev.easel.gateway.api.GenerationRequestParser;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.storage.LocalImageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Everything {@link HttpVerticle} mounts. */
public record HttpRoutes(GenerationsHandler generations, ModelsHandler models, FilesHandler files, HealthHandler health,
                         List<String> apiKeys, long maxBodyBytes, Duration requestTimeout) {

    /** Assembles the handlers; {@code localStore} is null when images live in S3. */
    public static HttpRoutes create(Catalog catalog, ImageJobService service, OutputPipeline pipeline,
                                    WorkerPool workers, Admission admission, ImageDelivery delivery, GatewayMetrics metrics, LocalImageStore localStore,
                                    Function<Route, Map<String, Object>> routeHealth,
                                    Supplier<Map<String, Object>> allRouteHealth, Clock clock,
                                    List<String> apiKeys, long maxBodyBytes, Duration requestTimeout) {
        GenerationsHandler generations = new GenerationsHandler(new GenerationRequestParser(catalog.defaultModel()),
                service, pipeline, admission, delivery, metrics, clock, requestTimeout);
        return new HttpRoutes(generations,
                new ModelsHandler(catalog, routeHealth, clock.instant().getEpochSecond()),
                new FilesHandler(localStore),
                new HealthHandler(catalog, workers, admission, metrics, allRouteHealth),
                List.copyOf(apiKeys), maxBodyBytes, requestTimeout);
    }
}
