package dev.easel.gateway;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.http.Secrets;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.poll.JobPoller;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.CatalogLoader;
import dev.easel.gateway.catalog.ModelEntry;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.config.GatewayConfig;
import dev.easel.gateway.fetch.FetchSettings;
import dev.easel.gateway.fetch.MediaFetcher;
import dev.easel.gateway.http.EditLimits;
import dev.easel.gateway.http.HttpRoutes;
import dev.easel.gateway.http.HttpVerticle;
import dev.easel.gateway.http.RouteHealthJson;
import dev.easel.gateway.logging.ScrubbingPrintStream;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.media.Transcoder;
import dev.easel.storage.ImageStore;
import dev.easel.storage.LocalImageStore;
import dev.easel.storage.S3ImageStore;
import dev.easel.storage.S3Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final JobPoller poller;
    private final WorkerPool workers;
    private final ImageStore store;
    private final MediaFetcher fetcher;
    private final HttpVerticle verticle;
    private long purgeTimer = -1;
    private String deploymentId;

    private Gateway(Vertx vertx, boolean ownsVertx, Catalog catalog, Map<String, ImageAdapter> adapters,
                    JobPoller poller, WorkerPool workers, ImageStore store, MediaFetcher fetcher,
                    HttpVerticle verticle) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.catalog = catalog;
        this.adapters = adapters;
        this.poller = poller;
        this.workers = workers;
        this.store = store;
        this.fetcher = fetcher;
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
        registerSecrets(config, catalog);
        WorkerPool workers = new WorkerPool(vertx, "easel-image", config.workerThreads(), config.workerQueue());
        // One poller for every job-queue adapter: one timer per job, whatever the provider.
        JobPoller poller = new JobPoller(vertx, clock);
        Map<String, ImageAdapter> adapters = adapters(vertx, catalog, factories, clock, workers, poller,
                config.upstream().maxBodyBytes());
        LocalImageStore local = config.storage() == GatewayConfig.Storage.LOCAL
                ? new LocalImageStore(config.storageDir(), config.publicUrl(), clock) : null;
        ImageStore store = local != null ? local : s3Store(config.s3());
        MediaFetcher fetcher = new MediaFetcher(vertx, new FetchSettings(config.maxFetchBytes(),
                FetchSettings.defaults().connectTimeout(), FetchSettings.defaults().readTimeout(),
                FetchSettings.defaults().maxRedirects(), config.upstream().fetchTimeout(),
                config.upstream().fetchPerHost(), config.upstream().fetchQueueTimeout()));
        OutputPipeline pipeline = new OutputPipeline(catalog, fetcher, new Transcoder(config.maxPixels()), workers,
                config.rehost() == GatewayConfig.Rehost.WHEN_NEEDED);
        ImageJobService service = new ImageJobService(vertx, catalog, adapters, clock);
        GatewayMetrics metrics = metrics(catalog, service, workers);
        metrics.gauge("easel_poller_active_jobs", "Upstream jobs being polled", poller::activeJobs);
        HttpRoutes routes = HttpRoutes.create(catalog, service, pipeline, workers,
                new Admission(config.maxInFlight()), new ImageDelivery(vertx, store, workers, clock),
                metrics, local, r -> RouteHealthJson.of(service.health().snapshot(r.slug())),
                () -> RouteHealthJson.all(service.health()), clock, config.apiKeys(), config.maxBodyBytes(),
                config.requestTimeout(), fetcher,
                new EditLimits(config.maxPixels(), config.maxInputBytes(), config.maxEditBodyBytes()),
                config.playground());
        Gateway gateway = new Gateway(vertx, ownsVertx, catalog, adapters, poller, workers, store, fetcher,
                new HttpVerticle(routes, config.host(), config.port(), config.publicUrl(), config.edge()));
        if (local != null) {
            gateway.schedulePurge(local, config.localFileTtl());
        }
        // Loading libwebp takes ~130 ms: pay it now, not on a user's first WebP request.
        return workers.executor().executeBlocking(() -> { Transcoder.warmUp(); return null; }, false)
                .compose(x -> vertx.deployVerticle(gateway.verticle))
                .map(id -> {
                    gateway.deploymentId = id;
                    LOG.info("Easel listening on http://{}:{} with {} models ({} providers configured)", config.host(),
                            gateway.port(), catalog.models().size(), adapters.size());
                    return gateway;
                })
                // A port already in use must not leave the pools, clients and timers behind.
                .recover(e -> gateway.close().transform(x -> Future.failedFuture(e)));
    }

    private static Map<String, ImageAdapter> adapters(Vertx vertx, Catalog catalog,
                                                      Map<String, ImageAdapterFactory> factories, Clock clock,
                                                      WorkerPool workers, JobPoller poller, long maxBodyBytes) {
        Map<String, ImageAdapter> adapters = new LinkedHashMap<>();
        for (Provider p : catalog.providers().values()) {
            if (p.configured()) {
                adapters.put(p.id(), factories.get(p.config().adapter())
                        .create(new ProviderContext(vertx, withBodyCap(p.config(), maxBodyBytes), clock,
                                workers.executor(), poller)));
            } else {
                LOG.info("provider {} is not configured (set {}); its routes are skipped", p.id(), p.keyVariable());
            }
        }
        return adapters;
    }

    /** The provider's config with the gateway's body cap, unless its catalog options set its own. */
    private static ProviderConfig withBodyCap(ProviderConfig config, long maxBodyBytes) {
        if (config.options().containsKey(UpstreamClients.MAX_BODY_OPTION)) {
            return config;
        }
        return config.withOption(UpstreamClients.MAX_BODY_OPTION, maxBodyBytes);
    }

    /**
     * Every configured secret is masked in whatever goes to clients or logs from now on:
     * provider keys (configured or not), gateway keys and the S3 secret.
     */
    private static void registerSecrets(GatewayConfig config, Catalog catalog) {
        List<String> secrets = new ArrayList<>(config.apiKeys());
        catalog.providers().values().forEach(p -> secrets.add(p.config().apiKey()));
        if (config.s3() != null) {
            secrets.add(config.s3().secretAccessKey());
        }
        Secrets.register(secrets);
        ScrubbingPrintStream.install();
    }

    private static ImageStore s3Store(GatewayConfig.S3 s3) {
        return new S3ImageStore(new S3Settings(s3.bucket(), s3.endpoint(), s3.region(), s3.pathStyle(),
                s3.publicBaseUrl(), s3.urlTtl(), s3.accessKeyId(), s3.secretAccessKey()));
    }

    private static GatewayMetrics metrics(Catalog catalog, ImageJobService service, WorkerPool workers) {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.gauge("easel_image_workers_in_flight", "Image tasks running or waiting", workers::inFlight);
        for (ModelEntry m : catalog.allModels()) {
            for (Route r : m.routes()) {
                metrics.gauge("easel_route_circuit_state", "Circuit per route: 0 closed, 1 half-open, 2 open",
                        () -> switch (service.health().snapshot(r.slug()).state()) {
                            case CLOSED -> 0;
                            case HALF_OPEN -> 1;
                            case OPEN -> 2;
                        },
                        "route", r.slug());
            }
        }
        return metrics;
    }

    /** Expired local images go on a schedule; the deletion is file-system work, so it runs on a worker. */
    private void schedulePurge(LocalImageStore local, Duration ttl) {
        long every = Math.max(60_000, Math.min(3_600_000, ttl.toMillis() / 4));
        purgeTimer = vertx.setPeriodic(every, id -> workers.executor()
                .executeBlocking(() -> local.purgeOlderThan(ttl), false)
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("purged {} expired images", n);
                    }
                }));
    }

    public int port() {
        return verticle.actualPort();
    }

    public Catalog catalog() {
        return catalog;
    }

    public Future<Void> close() {
        vertx.cancelTimer(purgeTimer);
        Future<Void> undeployed = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
        List<Future<Void>> closing = new ArrayList<>();
        // Jobs still polled are cancelled upstream before the adapters' clients close.
        closing.add(poller.close().eventually(() -> Future.join(adapters.values().stream().map(ImageAdapter::close)
                .toList())).mapEmpty());
        closing.add(fetcher.close());
        return undeployed.eventually(() -> Future.join(closing)).eventually(() -> {
            store.close();
            workers.close();
            return ownsVertx ? vertx.close() : Future.succeededFuture();
        }).mapEmpty();
    }
}
