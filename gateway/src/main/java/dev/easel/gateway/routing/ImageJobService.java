package dev.easel.gateway.routing;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.adapter.size.SizeNormalizer;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.ImageProcessor;
import dev.easel.gateway.job.InputPreparer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * Runs image jobs, generations and edits alike: resolve the model to candidate routes, order
 * them (priority, weighted draw, unhealthy last), then call, split {@code n}, fail over, and
 * watch one overall deadline; see {@link ImageJobRun} for the rules of one request. Also answers dry runs
 * ({@link #plan}) without calling any provider.
 */
public final class ImageJobService {

    private final Vertx vertx;
    private final Catalog catalog;
    private final ModelResolver resolver;
    private final Map<String, ImageAdapter> adapters;
    private final RouteHealth health;
    private final Clock clock;
    private final RandomGenerator random;
    private final BiFunction<RequestedSize, SizeStyle, NormalizedSize> normalizer;
    private final ConcurrencySlots slots;

    /**
     * @param adapters by catalog provider id; a route whose provider has none is skipped
     * @param health   shared with {@code /readyz}, {@code /v1/models/{id}} and metrics
     * @param random   draws the weighted order; must be thread-safe if the service is shared
     *                 across event loops ({@link ThreadLocalRandom} is)
     */
    public ImageJobService(Vertx vertx, Catalog catalog, Map<String, ImageAdapter> adapters, RouteHealth health,
                             Clock clock, RandomGenerator random) {
        this(vertx, catalog, adapters, health, new LocalConcurrencySlots(vertx, clock), clock, random,
                SizeNormalizer::normalize);
    }

    /** @param slots per-route concurrency slots ({@code max_concurrency}), local or shared */
    public ImageJobService(Vertx vertx, Catalog catalog, Map<String, ImageAdapter> adapters, RouteHealth health,
                           ConcurrencySlots slots, Clock clock, RandomGenerator random) {
        this(vertx, catalog, adapters, health, slots, clock, random, SizeNormalizer::normalize);
    }

    /** Production defaults: health with {@link RouteHealth.Settings#DEFAULT}, {@link ThreadLocalRandom}. */
    public ImageJobService(Vertx vertx, Catalog catalog, Map<String, ImageAdapter> adapters, Clock clock) {
        this(vertx, catalog, adapters, new LocalRouteHealth(clock), clock, ThreadLocalRandom.current());
    }

    /** The seam for tests: a size normalizer other than {@link SizeNormalizer#normalize}. */
    ImageJobService(Vertx vertx, Catalog catalog, Map<String, ImageAdapter> adapters, RouteHealth health,
                      Clock clock, RandomGenerator random,
                      BiFunction<RequestedSize, SizeStyle, NormalizedSize> normalizer) {
        this(vertx, catalog, adapters, health, new LocalConcurrencySlots(vertx, clock), clock, random, normalizer);
    }

    private ImageJobService(Vertx vertx, Catalog catalog, Map<String, ImageAdapter> adapters, RouteHealth health,
                            ConcurrencySlots slots, Clock clock, RandomGenerator random,
                            BiFunction<RequestedSize, SizeStyle, NormalizedSize> normalizer) {
        this.slots = Objects.requireNonNull(slots, "slots");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.resolver = new ModelResolver(catalog);
        this.adapters = Map.copyOf(adapters);
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    }

    public RouteHealth health() {
        return health;
    }

    public ConcurrencySlots slots() {
        return slots;
    }

    /**
     * Exactly {@code job.n()} images in order, or a failed future with an
     * {@link dev.easel.gateway.api.ApiException} from the public error table (its metadata
     * carries {@code attempts}). Never blocks.
     */
    public Future<ImageJobResult> run(ImageJob job, RequestContext ctx, ImageProcessor processor) {
        return run(job, ctx, processor, InputPreparer.NONE);
    }

    /**
     * As {@link #run(ImageJob, RequestContext, ImageProcessor)}, with the preparer that makes an
     * edit's inputs right for each route tried.
     */
    public Future<ImageJobResult> run(ImageJob job, RequestContext ctx, ImageProcessor processor,
                                      InputPreparer preparer) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(preparer, "preparer");
        ModelResolver.Resolution resolution;
        OperationRoutes.Selection selection;
        List<Route> order;
        try {
            OperationRoutes.checkModel(job, catalog);
            resolution = resolver.resolve(job.model());
            selection = OperationRoutes.select(job, resolution.model(), resolution.routes(), catalog);
            order = order(resolution.model().id(), selection.routes());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return new ImageJobRun(vertx, clock, health, adapters, normalizer, job, ctx, processor, preparer,
                selection.warnings(), resolution.model().id(), order, resolution.pinned(), this::callTimeout, slots).start();
    }

    /**
     * What {@link #run} would do now, calling no provider: every candidate in order with
     * its normalized size, calls, cost and warnings.
     *
     * @throws dev.easel.gateway.api.ApiException as {@link #run} would fail before calling
     */
    public Plan plan(ImageJob job) {
        Objects.requireNonNull(job, "job");
        OperationRoutes.checkModel(job, catalog);
        ModelResolver.Resolution resolution = resolver.resolve(job.model(), true);
        OperationRoutes.Selection selection = OperationRoutes.select(job, resolution.model(), resolution.routes(), catalog);
        List<Plan.Candidate> candidates = new ArrayList<>();
        // Planning calls no provider, so routes without a key are planned too (after the
        // configured ones, in catalog order) and marked: an operator can check a catalog first.
        List<Route> routes = new ArrayList<>();
        if (selection.routes().stream().anyMatch(r -> adapters.containsKey(r.provider()))) {
            routes.addAll(order(resolution.model().id(), selection.routes()));
        }
        selection.routes().stream().filter(r -> !adapters.containsKey(r.provider())).forEach(routes::add);
        for (Route route : routes) {
            NormalizedSize size;
            AdapterRequests.Built built;
            int perCall = route.capabilities().maxImagesPerCall();
            try {
                size = normalizer.apply(job.size(), route.sizeFor(job.operation()));
                built = AdapterRequests.build(job, route, size, Math.min(job.n(), perCall), "dry-run",
                        clock.instant(), Future.succeededFuture());
            } catch (IllegalArgumentException e) {
                throw RoutingErrors.invalidSize(route, e);
            }
            List<Warning> warnings = new ArrayList<>(new LinkedHashSet<>(concat(size.warnings(), built.warnings())));
            boolean configured = adapters.containsKey(route.provider());
            if (!configured) {
                warnings.add(unconfigured(route));
            }
            RouteHealth.Snapshot h = health.snapshot(route.slug());
            candidates.add(new Plan.Candidate(route.provider(), route.providerModel(), route.slug(), route.priority(),
                    route.weight(), h.state(), h.available() && configured, h.cooldownUntil(), size.sent(), size.expected(),
                    (job.n() + perCall - 1) / perCall,
                    route.pricePerImage().multiply(BigDecimal.valueOf(job.n())), warnings, configured));
        }
        Plan.Candidate first = candidates.get(0);
        return new Plan(resolution.model().id(), resolution.pinned(), job.n(), candidates, first.estimatedCost(),
                concat(selection.warnings(), first.warnings()));
    }

    private Warning unconfigured(Route route) {
        String variable = catalog.provider(route.provider()).keyVariable();
        return new Warning("provider_not_configured", null, "Provider '" + route.provider()
                + "' is not configured" + (variable == null ? "" : " (set " + variable + ")")
                + ": a real request skips this route.");
    }

    /** The provider's {@code timeout_s} (its config defaults it to {@code EASEL_REQUEST_TIMEOUT}). */
    private Duration callTimeout(Route route) {
        return catalog.provider(route.provider()).config().timeout();
    }

    private List<Route> order(String modelId, List<Route> routes) {
        List<Route> usable = routes.stream().filter(r -> adapters.containsKey(r.provider())).toList();
        if (usable.isEmpty()) {
            throw RoutingErrors.noAdapter(modelId);
        }
        // Generators such as SplittableRandom are not thread-safe; a draw is a few nanoseconds.
        synchronized (random) {
            return RouteOrder.order(usable, random, r -> health.available(r.slug()));
        }
    }

    private static List<Warning> concat(List<Warning> a, List<Warning> b) {
        List<Warning> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
