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
import dev.easel.gateway.catalog.CatalogSource;
import dev.easel.gateway.http.AccessLog;
import dev.easel.gateway.http.Drain;
import dev.easel.gateway.http.HttpVerticle;
import dev.easel.gateway.http.RouteHealthJson;
import dev.easel.gateway.logging.ScrubbingPrintStream;
import dev.easel.gateway.pipeline.RetryingImageStore;
import dev.easel.gateway.metrics.GatewayMetrics;
import dev.easel.gateway.pipeline.ImageDelivery;
import dev.easel.gateway.pipeline.OutputPipeline;
import dev.easel.gateway.pipeline.Admission;
import dev.easel.gateway.pipeline.WorkerPool;
import dev.easel.gateway.routing.ImageJobService;
import dev.easel.gateway.state.SharedState;
import java.util.concurrent.ThreadLocalRandom;
import dev.easel.media.Transcoder;
import dev.easel.storage.ImageStore;
import dev.easel.storage.LocalImageStore;
import dev.easel.storage.S3ImageStore;
import dev.easel.storage.S3Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
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
    private final GatewayMetrics metrics;
    private final Drain drain;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final SharedState state;
    private long purgeTimer = -1;
    private final GatewayConfig config;
    private final HttpRoutes routes;
    private final List<Handler<RoutingContext>> edgeHandlers;
    private final List<String> deploymentIds = new ArrayList<>();

    private Gateway(Vertx vertx, boolean ownsVertx, Catalog catalog, Map<String, ImageAdapter> adapters,
                    JobPoller poller, WorkerPool workers, ImageStore store, MediaFetcher fetcher,
                    HttpVerticle verticle, GatewayMetrics metrics, Drain drain, GatewayConfig config,
                    HttpRoutes routes, List<Handler<RoutingContext>> first, SharedState state) {
        this.state = state;
        this.config = config;
        this.routes = routes;
        this.edgeHandlers = first;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.catalog = catalog;
        this.adapters = adapters;
        this.poller = poller;
        this.workers = workers;
        this.store = store;
        this.fetcher = fetcher;
        this.verticle = verticle;
        this.metrics = metrics;
        this.drain = drain;
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
        CatalogSource source;
        try {
            source = CatalogSource.locate(config.catalogPath());
            catalog = new CatalogLoader(factories, env, config.requestTimeout()).load(source);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        registerSecrets(config, catalog);
        GatewayMetrics metrics = new GatewayMetrics(catalog.models().keySet(), catalog.providers().keySet());
        WorkerPool workers = new WorkerPool(vertx, "easel-image", config.workerThreads(), config.workerQueue(),
                metrics.registry());
        // One poller for every job-queue adapter: one timer per job, whatever the provider.
        JobPoller poller = new JobPoller(vertx, clock);
        Map<String, ImageAdapter> adapters = adapters(vertx, catalog, factories, clock, workers, poller,
                config.upstream().maxBodyBytes());
        LocalImageStore local;
        RetryingImageStore store;
        try {
            local = config.storage() == GatewayConfig.Storage.LOCAL
                    ? new LocalImageStore(config.storageDir(), config.publicUrl(), clock) : null;
            store = new RetryingImageStore(local != null ? local : s3Store(config.s3()), metrics.registry());
        } catch (RuntimeException e) {
            workers.close();
            adapters.values().forEach(ImageAdapter::close);
            metrics.close();
            return Future.failedFuture(e);
        }
        MediaFetcher fetcher = new MediaFetcher(vertx, new FetchSettings(config.maxFetchBytes(),
                FetchSettings.defaults().connectTimeout(), FetchSettings.defaults().readTimeout(),
                FetchSettings.defaults().maxRedirects(), config.upstream().fetchTimeout(),
                config.upstream().fetchPerHost(), config.upstream().fetchQueueTimeout()));
        OutputPipeline pipeline = new OutputPipeline(catalog, fetcher, new Transcoder(config.maxPixels()), workers,
                config.rehost() == GatewayConfig.Rehost.WHEN_NEEDED);
        SharedState state = SharedState.create(vertx, config.state(), clock,
                catalog.allModels().stream().flatMap(m -> m.routes().stream()).map(Route::slug).distinct().toList());
        ImageJobService service = new ImageJobService(vertx, catalog, adapters, state.health(), state.slots(), clock,
                ThreadLocalRandom.current());
        Drain drain = new Drain();
        metrics(metrics, catalog, service, workers, drain);
        metrics.gauge("easel_poller_active_jobs", "Upstream jobs being polled", poller::activeJobs);
        HttpRoutes routes = HttpRoutes.create(catalog, service, pipeline, workers,
                new Admission(config.maxInFlight()), new ImageDelivery(vertx, store, workers, clock),
                metrics, local, r -> RouteHealthJson.of(service.health().snapshot(r.slug())),
                () -> RouteHealthJson.all(service.health()), clock, config.apiKeys(), config.maxBodyBytes(),
                config.requestTimeout(), fetcher,
                new EditLimits(config.maxPixels(), config.maxInputBytes(), config.maxEditBodyBytes()),
                config.playground(), () -> store.checkReady(vertx.getOrCreateContext()), config.streamKeepalive(), state);
        AccessLog accessLog = new AccessLog(config.callers(), config.logPrompts(), metrics.requests());
        // Every HTTP event loop shares the access log and the drain: both are thread-safe.
        List<Handler<RoutingContext>> first = List.of(accessLog, drain);
        Gateway gateway = new Gateway(vertx, ownsVertx, catalog, adapters, poller, workers, store, fetcher,
                new HttpVerticle(routes, config.host(), config.port(), config.publicUrl(), config.edge(), first),
                metrics, drain, config, routes, first, state);
        if (local != null) {
            gateway.schedulePurge(local, config.localFileTtl());
        }
        // Loading libwebp takes ~130 ms: pay it now, not on a user's first WebP request.
        return workers.executor().executeBlocking(() -> { Transcoder.warmUp(); return null; }, false)
                .compose(x -> checkStorage(vertx, store))
                .compose(x -> gateway.deployHttp())
                .map(id -> {
                    StartupSummary.log(source, store, config, gateway.port(), catalog);
                    return gateway;
                })
                // A port already in use must not leave the pools, clients and timers behind.
                .recover(e -> gateway.releaseAndFail(e));
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

    /**
     * Heads the bucket (or writes to the folder) once before serving. A failure does not stop
     * the start, since the store may come up later; {@code /readyz} stays 503 until it answers.
     */
    private static Future<Void> checkStorage(Vertx vertx, RetryingImageStore store) {
        return store.checkReady(vertx.getOrCreateContext())
                .timeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .onFailure(e -> LOG.error("storage is not ready: {}; /readyz answers 503 until it is",
                        e instanceof dev.easel.storage.StorageException ? e.getMessage() : e.getClass().getSimpleName()))
                .otherwiseEmpty();
    }

    private static ImageStore s3Store(GatewayConfig.S3 s3) {
        return new S3ImageStore(new S3Settings(s3.bucket(), s3.endpoint(), s3.region(), s3.pathStyle(),
                s3.publicBaseUrl(), s3.urlTtl(), s3.accessKeyId(), s3.secretAccessKey()));
    }

    private static void metrics(GatewayMetrics metrics, Catalog catalog, ImageJobService service, WorkerPool workers,
                                Drain drain) {
        metrics.gauge("easel_image_workers_in_flight", "Image tasks running or waiting", workers::inFlight);
        metrics.gauge("easel_generations_in_flight", "Generation requests being served now", drain::generationsInFlight);
        for (ModelEntry m : catalog.allModels()) {
            for (Route r : m.routes()) {
                metrics.gauge("easel_route_circuit_state", "Circuit per route: 0 closed, 1 half-open, 2 open",
                        () -> switch (service.health().snapshot(r.slug()).state()) {
                            case CLOSED -> 0;
                            case HALF_OPEN -> 1;
                            case OPEN -> 2;
                        },
                        "route", r.slug());
                if (r.maxConcurrency() > 0) {
                    metrics.gauge("easel_route_slot_waiters", "Calls on this replica waiting for a concurrency slot",
                            () -> service.slots().waiting(r.slug()), "route", r.slug());
                }
            }
        }
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

    /**
     * {@code EASEL_HTTP_INSTANCES} verticles on one port, each on its own event loop, sharing
     * the handlers (which are thread-safe). The first binds (port 0 picks a free port); the
     * others join it on the port it got.
     */
    private Future<Void> deployHttp() {
        return vertx.deployVerticle(verticle).compose(first -> {
            deploymentIds.add(first);
            if (config.httpInstances() == 1) {
                return Future.succeededFuture();
            }
            int bound = verticle.actualPort();
            return vertx.deployVerticle(() -> new HttpVerticle(routes, config.host(), bound, config.publicUrl(), config.edge(),
                            edgeHandlers),
                            new DeploymentOptions().setInstances(config.httpInstances() - 1))
                    .map(rest -> {
                        deploymentIds.add(rest);
                        return null;
                    });
        });
    }

    public int port() {
        return verticle.actualPort();
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * The graceful stop SIGTERM runs (Main's shutdown hook calls exactly this): refuse new
     * requests, give those in flight {@code grace} to finish, cancel the rest, then close.
     * Completes with how many requests were cut off.
     */
    public Future<Integer> shutdown(Duration grace) {
        LOG.info("shutting down: /readyz now 503, in-flight requests get up to {} s", grace.toSeconds());
        return drain.drain(vertx, grace).compose(cut -> {
            if (cut > 0) {
                LOG.warn("{} requests were still running after the grace period: answered 503, upstream work cancelled", cut);
            }
            // Cancelled jobs send their upstream cancel on the adapters' clients: give them a moment before closing.
            Promise<Void> settle = Promise.promise();
            vertx.setTimer(cut > 0 ? 1000 : 1, id -> settle.complete());
            return settle.future().compose(x -> close()).map(cut);
        });
    }

    private <T> Future<T> releaseAndFail(Throwable e) {
        return closeResources().transform(x -> {
            closeOwnVertx();
            return Future.failedFuture(e);
        });
    }

    /**
     * Closes everything; a Vert.x instance this gateway created is closed last and not waited
     * for: its close future completes on a thread it is stopping, so chaining on it can hang.
     */
    public Future<Void> close() {
        if (!closed.compareAndSet(false, true)) {
            return Future.succeededFuture(); // shutdown() already closed it
        }
        return closeResources().andThen(x -> closeOwnVertx());
    }

    private void closeOwnVertx() {
        if (ownsVertx) {
            vertx.close();
        }
    }

    private Future<Void> closeResources() {
        vertx.cancelTimer(purgeTimer);
        Future<Void> undeployed = Future.join(deploymentIds.stream().map(vertx::undeploy).toList()).mapEmpty();
        List<Future<Void>> closing = new ArrayList<>();
        // Jobs still polled are cancelled upstream before the adapters' clients close.
        closing.add(poller.close().eventually(() -> Future.join(adapters.values().stream().map(ImageAdapter::close)
                .toList())).mapEmpty());
        closing.add(fetcher.close());
        closing.add(state.close());
        return undeployed.eventually(() -> Future.join(closing)).eventually(() -> {
            store.close();
            workers.close();
            metrics.close();
            return Future.succeededFuture();
        }).mapEmpty();
    }
}
