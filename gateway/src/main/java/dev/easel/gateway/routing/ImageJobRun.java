package dev.easel.gateway.routing;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.ImageProcessor;
import dev.easel.gateway.job.InputPreparer;
import dev.easel.gateway.job.MaskReport;
import dev.easel.gateway.job.PreparedInputs;
import dev.easel.gateway.job.ProcessedImage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One image job in flight: splits {@code n} into calls, fails each call over along the
 * candidate order, watches the overall deadline and the client, and assembles the answer.
 *
 * <p>A part of {@code count} images picks the first candidate it has not tried that health
 * admits (else, as a last resort, the first it has not tried). If the route makes fewer
 * images per call than {@code count}, the part splits there into parts of at most
 * {@code maxImagesPerCall}, each failing over on its own from that point. So {@code n=5} on a
 * one-per-call route is five parallel parts, and one of them can end on another route while
 * the others succeed. A route that delivers fewer images than asked fails that part with
 * {@link ErrorKind#NO_IMAGE} (the part fails over; the answer is never silently short).
 *
 * <p>Callbacks may run on any thread (adapters complete on their own contexts), so shared
 * state is concurrent and every terminal transition goes through one compare-and-set.
 */
final class ImageJobRun {

    private static final Logger LOG = LoggerFactory.getLogger(ImageJobRun.class);

    private final Vertx vertx;
    private final Clock clock;
    private final RouteHealth health;
    private final Map<String, ImageAdapter> adapters;
    private final BiFunction<RequestedSize, SizeStyle, NormalizedSize> normalizer;
    private final ImageJob job;
    private final RequestContext ctx;
    private final ImageProcessor processor;
    private final InputPreparer preparer;
    private final List<Warning> routeWarnings;
    private final String model;
    private final List<Route> order;
    private final boolean pinned;
    private final Function<Route, Duration> callTimeout;
    private final ConcurrencySlots slots;

    private final Promise<Void> abandon = Promise.promise();
    private final Promise<ImageJobResult> outcome = Promise.promise();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, NormalizedSize> sizes = new ConcurrentHashMap<>();
    private final Map<String, Future<PreparedInputs>> prepared = new ConcurrentHashMap<>();
    private volatile long timerId = -1;
    private volatile long budgetMs;

    ImageJobRun(Vertx vertx, Clock clock, RouteHealth health, Map<String, ImageAdapter> adapters,
                  BiFunction<RequestedSize, SizeStyle, NormalizedSize> normalizer, ImageJob job,
                  RequestContext ctx, ImageProcessor processor, InputPreparer preparer, List<Warning> routeWarnings,
                  String model, List<Route> order, boolean pinned, Function<Route, Duration> callTimeout,
                  ConcurrencySlots slots) {
        this.slots = slots;
        this.vertx = vertx;
        this.clock = clock;
        this.health = health;
        this.adapters = adapters;
        this.normalizer = normalizer;
        this.job = job;
        this.ctx = ctx;
        this.processor = processor;
        this.preparer = preparer;
        this.routeWarnings = List.copyOf(routeWarnings);
        this.model = model;
        this.order = order;
        this.pinned = pinned;
        this.callTimeout = callTimeout;
    }

    Future<ImageJobResult> start() {
        long budget = Duration.between(clock.instant(), ctx.deadline()).toMillis();
        if (budget <= 0) {
            return Future.failedFuture(RoutingErrors.deadline(0));
        }
        budgetMs = budget;
        timerId = vertx.setTimer(budget, id -> stop(RoutingErrors.deadline(budget), Ending.DEADLINE));
        ctx.clientGone().onComplete(x -> stop(RoutingErrors.clientGone(), Ending.CLIENT_GONE));
        runPart(job.n(), 0, Set.of(), List.of())
                .onSuccess(this::succeed)
                .onFailure(e -> stop(e, Ending.FAILED));
        return outcome.future();
    }

    /** What was delivered by one call: its images in order, on its route. */
    private record Delivered(Route route, List<ProcessedImage> images, NormalizedSize size, List<Warning> warnings,
                             Map<String, Object> usage, MaskReport mask) {
    }

    private record Pick(Route route, RouteHealth.Permit permit) {
    }

    /** {@code first} is the index of the part's first image in the answer (previews carry it). */
    private Future<List<Delivered>> runPart(int count, int first, Set<Route> tried, List<RoutingErrors.Failure> failures) {
        if (finished.get()) {
            return Future.failedFuture(new IllegalStateException("request already ended"));
        }
        Pick pick = pick(tried);
        if (pick == null) {
            return Future.failedFuture(RoutingErrors.exhausted(model, withCooling(tried, failures)));
        }
        Route route = pick.route();
        int perCall = route.capabilities().maxImagesPerCall();
        if (count > perCall) {
            // Hand the permit back unused: each smaller part asks again (one of them may be the probe).
            health.released(pick.permit());
            List<Future<List<Delivered>>> parts = new ArrayList<>();
            for (int done = 0; done < count; done += perCall) {
                parts.add(runPart(Math.min(perCall, count - done), first + done, tried, failures));
            }
            return Future.all(parts).map(all -> {
                List<Delivered> out = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    out.addAll(all.<List<Delivered>>resultAt(i));
                }
                return out;
            });
        }
        Instant deadline = callDeadline(route);
        return call(pick, count, first, deadline)
                .map(List::of)
                .recover(e -> failOver(e, route, deadline, count, first, tried, failures));
    }

    private Future<List<Delivered>> failOver(Throwable e, Route route, Instant callDeadline, int count, int first,
                                             Set<Route> tried, List<RoutingErrors.Failure> failures) {
        if (finished.get() || !(e instanceof ProviderException pe)) {
            return Future.failedFuture(e);
        }
        if (pe.kind() == ErrorKind.TIMEOUT && pe.upstreamStatus() == 0 && !callDeadline.isBefore(ctx.deadline())) {
            // The adapter's own clock ran out at the request deadline, a moment before this run's
            // timer fired: the request is over, and the answer is the deadline's 504, not a failover
            // with no time left (which would end as a 502 when no candidate is left).
            stop(RoutingErrors.deadline(budgetMs), Ending.DEADLINE);
            return Future.failedFuture(e);
        }
        if (!pe.kind().failover()) {
            return Future.failedFuture(RoutingErrors.userError(pe, route));
        }
        if (pinned) {
            return Future.failedFuture(RoutingErrors.pinnedFailure(pe, route));
        }
        Set<Route> nowTried = new HashSet<>(tried);
        nowTried.add(route);
        List<RoutingErrors.Failure> nowFailed = new ArrayList<>(failures);
        nowFailed.add(new RoutingErrors.Failure(route, pe));
        return runPart(count, first, nowTried, nowFailed);
    }

    /**
     * The first untried candidate health admits now; else, as a last resort, the first untried
     * one whose circuit is open. A route in a provider's Retry-After is never a last resort
     * (unless pinned: the user asked for it alone).
     */
    private Pick pick(Set<Route> tried) {
        Route fallback = null;
        for (Route r : order) {
            if (tried.contains(r)) {
                continue;
            }
            RouteHealth.Permit permit = health.tryAcquire(r.slug());
            if (permit != null) {
                return new Pick(r, permit);
            }
            if (fallback == null && (pinned || health.retryAfterRemaining(r.slug()) == null)) {
                fallback = r;
            }
        }
        return fallback == null ? null : new Pick(fallback, health.lastResort(fallback.slug()));
    }

    /** The failures plus one per untried route still in its Retry-After, so a 429 can say when to come back. */
    private List<RoutingErrors.Failure> withCooling(Set<Route> tried, List<RoutingErrors.Failure> failures) {
        List<RoutingErrors.Failure> all = new ArrayList<>(failures);
        for (Route r : order) {
            Duration wait = tried.contains(r) ? null : health.retryAfterRemaining(r.slug());
            if (wait != null) {
                all.add(new RoutingErrors.Failure(r, new ProviderException(ErrorKind.RATE_LIMITED, r.provider(), 0,
                        "waiting out the provider's Retry-After", wait, null)));
            }
        }
        return all;
    }

    private Future<Delivered> call(Pick pick, int count, int first, Instant deadline) {
        Route route = pick.route();
        NormalizedSize size;
        try {
            size = sizes.computeIfAbsent(route.slug(), s -> normalizer.apply(job.size(), route.sizeFor(job.operation())));
        } catch (IllegalArgumentException e) {
            health.released(pick.permit());
            return Future.failedFuture(RoutingErrors.invalidSize(route, e));
        }
        ImageAdapter adapter = adapters.get(route.provider());
        Previews previews = Previews.forCall(ctx.partials(), adapter, route, first);
        // An edit's inputs are made right for the route once, even when n is split over several calls.
        // A failure there is the caller's input, not the provider's: no attempt, no verdict on health.
        return prepared.computeIfAbsent(route.slug(), s -> preparer.prepare(job, route))
                .onFailure(e -> health.released(pick.permit()))
                // The call then waits for a slot on its route (max_concurrency) before it counts as an
                // attempt; no slot by its deadline is a rate limit to fail over from, no verdict on health.
                .compose(inputs -> slots.acquire(route, deadline, abandon.future())
                        .onFailure(e -> health.released(pick.permit()))
                        .map(slot -> new Ready(inputs, slot)))
                .compose(ready -> {
                    PreparedInputs inputs = ready.inputs();
                    ConcurrencySlots.Slot slot = ready.slot();
                    AdapterRequests.Built built = AdapterRequests.build(job, route, size, count, ctx.requestId(),
                            deadline, abandon.future(), inputs);
                    Call call = begin(pick);
                    return Future.<Void>succeededFuture()
                            // compose turns an adapter that throws instead of failing its future into a failure.
                            .compose(v -> adapter.generate(previews.apply(built.request())))
                            .recover(e -> Future.failedFuture(asProviderFailure(route, e)))
                            .compose(result -> exactly(route, result, count))
                            .compose(result -> processor.process(route, result, size, deadline, abandon.future())
                                    .compose(images -> exactlyProcessed(route, images, count))
                                    .map(images -> new Delivered(route, images, size,
                                            concat(size.warnings(), built.warnings(), previews.warnings(), result.warnings()),
                                            result.usage(),
                                            inputs.report())))
                            .transform(ar -> settle(call, ar))
                            .onComplete(x -> slot.release());
                });
    }

    /** A call's inputs made right for its route, and the concurrency slot it holds. */
    private record Ready(PreparedInputs inputs, ConcurrencySlots.Slot slot) {
    }

    /**
     * An adapter must fail with a {@link ProviderException}; anything else (an upstream body
     * shaped unlike its documentation, an adapter bug) is still that provider's failure, so
     * it fails over like any unexpected answer instead of ending the request with a 500.
     */
    private static ProviderException asProviderFailure(Route route, Throwable e) {
        if (e instanceof ProviderException pe) {
            return pe;
        }
        LOG.warn("adapter {} failed with {} instead of a ProviderException", route.provider(), e.getClass().getName(), e);
        return new ProviderException(ErrorKind.UPSTREAM, route.provider(), 0,
                route.provider() + " answered something Easel could not read", null, e);
    }

    /**
     * One call ends at its provider's {@code timeout_s} or at the request deadline, whichever
     * comes first, so a provider that hangs fails over (as a timeout) while time is left.
     */
    private Instant callDeadline(Route route) {
        Instant providerLimit = clock.instant().plus(callTimeout.apply(route));
        return providerLimit.isBefore(ctx.deadline()) ? providerLimit : ctx.deadline();
    }

    private static Future<AdapterResult> exactly(Route route, AdapterResult result, int count) {
        if (result.images().size() < count) {
            return Future.failedFuture(new ProviderException(ErrorKind.NO_IMAGE, route.provider(), 200,
                    "asked for " + count + " images, got " + result.images().size()));
        }
        if (result.images().size() > count) {
            // More than asked is harmless; only what was asked is delivered (and billed).
            return Future.succeededFuture(new AdapterResult(result.images().subList(0, count), result.warnings(),
                    result.usage(), result.metadata()));
        }
        return Future.succeededFuture(result);
    }

    private static Future<List<ProcessedImage>> exactlyProcessed(Route route, List<ProcessedImage> images, int count) {
        if (images.size() != count) {
            return Future.failedFuture(new ProviderException(ErrorKind.NO_IMAGE, route.provider(), 200,
                    "expected " + count + " deliverable images, got " + images.size()));
        }
        return Future.succeededFuture(images);
    }

    // ---- attempts and health -----------------------------------------------------------

    /** One upstream call; settled exactly once, by its own outcome or by the request ending. */
    private static final class Call {
        final Route route;
        final RouteHealth.Permit permit;
        final long startMs;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile Attempt attempt;

        Call(Route route, RouteHealth.Permit permit, long startMs) {
            this.route = route;
            this.permit = permit;
            this.startMs = startMs;
        }
    }

    private Call begin(Pick pick) {
        Call call = new Call(pick.route(), pick.permit(), clock.millis());
        synchronized (calls) {
            calls.add(call);
        }
        return call;
    }

    private <T> Future<T> settle(Call call, AsyncResult<T> ar) {
        if (call.settled.compareAndSet(false, true)) {
            if (ar.succeeded()) {
                health.succeeded(call.permit);
                finish(call, Attempt.SUCCEEDED, null);
            } else if (ar.cause() instanceof ProviderException pe) {
                if (pe.kind().failover()) {
                    health.failed(call.permit, pe.kind(), pe.retryAfter());
                } else {
                    // A refusal is a proper answer: the provider is up, the request was the problem.
                    health.succeeded(call.permit);
                }
                finish(call, Attempt.FAILED, pe.code());
            } else {
                // Not the provider's doing (our pipeline, storage): no verdict on its health.
                health.released(call.permit);
                finish(call, Attempt.FAILED, ar.cause() instanceof ApiException api ? api.code() : "internal_error");
            }
        }
        return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
    }

    private void finish(Call call, String status, String code) {
        call.attempt = new Attempt(call.route.provider(), call.route.providerModel(), status, code,
                Math.max(0, clock.millis() - call.startMs));
    }

    private List<Attempt> attempts() {
        synchronized (calls) {
            return calls.stream().map(c -> c.attempt).filter(a -> a != null).toList();
        }
    }

    private List<Call> inFlight() {
        synchronized (calls) {
            return calls.stream().filter(c -> !c.settled.get()).toList();
        }
    }

    // ---- endings -----------------------------------------------------------------------

    private enum Ending { FAILED, DEADLINE, CLIENT_GONE }

    private void stop(Throwable error, Ending ending) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        for (Call call : inFlight()) {
            if (!call.settled.compareAndSet(false, true)) {
                continue;
            }
            if (ending == Ending.DEADLINE) {
                // Too slow for the deadline is what a timeout is; it counts against the route.
                health.failed(call.permit, ErrorKind.TIMEOUT, null);
                finish(call, Attempt.FAILED, ErrorKind.TIMEOUT.code());
            } else {
                // Cut short by the client or by another part: no verdict on the provider.
                health.released(call.permit);
                finish(call, Attempt.FAILED, "abandoned");
            }
        }
        vertx.cancelTimer(timerId);
        Throwable answer = RoutingErrors.withAttempts(error, attempts());
        // Abandon before answering, so job-queue adapters start cancelling upstream at once.
        abandon.tryComplete();
        outcome.tryFail(answer);
    }

    private void succeed(List<Delivered> parts) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        vertx.cancelTimer(timerId);
        abandon.tryComplete();
        List<ProcessedImage> images = new ArrayList<>();
        Set<Warning> warnings = new LinkedHashSet<>(routeWarnings);
        BigDecimal cost = BigDecimal.ZERO;
        Map<String, Object> usage = new LinkedHashMap<>();
        for (Delivered d : parts) {
            images.addAll(d.images());
            warnings.addAll(d.warnings());
            cost = cost.add(d.route().pricePerImage().multiply(BigDecimal.valueOf(d.images().size())));
            Usage.add(usage, d.usage());
        }
        Delivered first = parts.get(0);
        outcome.tryComplete(new ImageJobResult(first.route(), images, first.size(), attempts(), List.copyOf(warnings),
                cost, usage, first.mask()));
    }

    @SafeVarargs
    private static List<Warning> concat(List<Warning>... lists) {
        List<Warning> out = new ArrayList<>();
        for (List<Warning> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
