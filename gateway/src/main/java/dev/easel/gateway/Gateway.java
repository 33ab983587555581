package dev.easel.gateway;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.ProviderContext;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.CatalogLoader;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.config.GatewayConfig;
import dev.easel.gateway.fetch.FetchSettings;
import dev.easel.gateway.fetch.MediaFetcher;
import dev.easel.gateway.http.HttpRoutes;
import dev.easel.gateway.http.RouteHealthJson;
import dev.easel.gateway.catalog.ModelEntry;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.routing.RouteHealth;
import dev.easel.gateway.http.HttpVerticle;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.GenerationService;
import dev.easel.media.Transcoder;
import dev.easel.storage.ImageStore;
import dev.easel.storage.LocalImageStore;
import dev.easel.storage.S3ImageStore;
import dev.easel.storage.S3Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the catalog, creates one adapter per configured provider,
 * the worker pool, the image store, and starts the HTTP verticle. Everything the gateway
 * holds is created here once, at start-up, never per request.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Catalog catalog;
    private final Map<String, ImageAdapter> adapters;
    private final WorkerPool workers;
    private final ImageStore store;
    private final HttpVerticle verticle;

    private Gateway(Vertx vertx, boolean ownsVertx, Catalog catalog, Map<String, ImageAdapter> adapters,
                    WorkerPool workers, ImageStore store, HttpVerticle verticle) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.catalog = catalog;
        this.adapters = adapters;
        this.workers = workers;
        this.store = store;
        this.verticle = verticle;
    }

    /** Starts on a new Vert.x instance. */
    public static Future<Gateway> start(GatewayConfig config, Function<String, String> env) {
        return start(Vertx.vertx(), true, config, env, Clock.systemUTC());
    }

    /** Starts on the given Vert.x instance (tests share theirs). */
    public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Function<String, String> env, Clock clock) {
        return start(vertx, false, config, env, clock);
    }

    private static Future<Gateway> start(Vertx vertx, boolean ownsVertx, GatewayConfig config,
                                         Function<String, String> env, Clock clock) {
        Map<String, ImageAdapterFactory> factories = new LinkedHashMap<>();
        ServiceLoader.load(ImageAdapterFactory.class).forEach(f -> factories.put(f.name(), f));
        Catalog catalog;
        try {
            catalog = new CatalogLoader(factories, env, config.requestTimeout()).load(config.catalogPath());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        WorkerPool workers = new WorkerPool(vertx, "easel-image", config.workerThreads(), config.workerQueue());
        Map<String, ImageAdapter> adapters = new LinkedHashMap<>();
        for (Provider p : catalog.providers().values()) {
            if (p.configured()) {
                adapters.put(p.id(), factories.get(p.config().adapter())
                        .create(new ProviderContext(vertx, p.config(), clock, workers.executor())));
            } else {
                LOG.info("provider {} is not configured (set {}); its routes are skipped", p.id(), p.keyVariable());
            }
        }
        ImageStore store;
        LocalImageStore local = null;
        if (config.storage() == GatewayConfig.Storage.S3) {
            GatewayConfig.S3 s3 = config.s3();
            store = new S3ImageStore(new S3Settings(s3.bucket(), s3.endpoint(), s3.region(), s3.pathStyle(),
                    s3.publicBaseUrl(), s3.urlTtl(), s3.accessKeyId(), s3.secretAccessKey()));
        } else {
            local = new LocalImageStore(config.storageDir(), config.publicUrl(), clock);
            store = local;
        }
        Transcoder transcoder = new Transcoder(config.maxPixels());
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.gauge("easel_image_workers_in_flight", "Image tasks running or waiting", workers::inFlight);
        OutputPipeline pipeline = new OutputPipeline(catalog, new MediaFetcher(vertx, new FetchSettings(
                config.maxFetchBytes(), FetchSettings.defaults().connectTimeout(), FetchSettings.defaults().readTimeout(),
                FetchSettings.defaults().maxRedirects())), transcoder, workers, config.rehost());
        GenerationService service = new GenerationService(vertx, catalog, adapters, clock);
        for (ModelEntry m : catalog.allModels()) {
            for (Route r : m.routes()) {
                metrics.gauge("easel_route_circuit_state", "Circuit per route: 0 closed, 1 half-open, 2 open",
                        () -> service.health().snapshot(r.slug()).state().ordinal() == 0 ? 0
                                : service.health().snapshot(r.slug()).state() == RouteHealth.State.OPEN ? 2 : 1,
                        "route", r.slug());
            }
        }
        HttpRoutes routes = HttpRoutes.create(catalog, service, pipeline, new ImageDelivery(vertx, store, workers, clock),
                metrics, local, r -> RouteHealthJson.of(service.health().snapshot(r.slug())),
                () -> RouteHealthJson.all(service.health()), clock, config.apiKeys(), config.maxBodyBytes(),
                config.requestTimeout());
        HttpVerticle verticle = new HttpVerticle(routes, config.host(), config.port());
        Gateway gateway = new Gateway(vertx, ownsVertx, catalog, adapters, workers, store, verticle);
        if (local != null) {
            LocalImageStore purgeable = local;
            long every = Math.max(60_000, Math.min(3_600_000, config.localFileTtl().toMillis() / 4));
            vertx.setPeriodic(every, id -> workers.executor()
                    .executeBlocking(() -> purgeable.purgeOlderThan(config.localFileTtl()), false)
                    .onSuccess(n -> { if (n > 0) { LOG.info("purged {} expired images", n); } }));
        }
        // Loading libwebp takes ~130 ms: pay it now, not on a user's first WebP request.
        return workers.executor().executeBlocking(() -> { Transcoder.warmUp(); return null; }, false)
                .compose(x -> vertx.deployVerticle(verticle))
                .map(id -> {
                    LOG.info("Easel listening on http://{}:{} with {} models ({} providers configured)", config.host(),
                            verticle.actualPort(), catalog.models().size(), adapters.size());
                    return gateway;
                });
    }

    public int port() {
        return verticle.actualPort();
    }

    public Catalog catalog() {
        return catalog;
    }

    public Future<Void> close() {
        Future<Void> adaptersClosed = Future.all(adapters.values().stream().map(ImageAdapter::close).toList()).mapEmpty();
        return adaptersClosed.eventually(() -> {
            store.close();
            workers.close();
            return ownsVertx ? vertx.close() : vertx.undeploy(vertxDeploymentIdOrNone());
        });
    }

    private String vertxDeploymentIdOrNone() {
        return verticle.deploymentID();
    }
}
