package dev.easel.gateway.routing;

import static dev.easel.gateway.routing.Fixtures.request;
import static dev.easel.gateway.routing.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.Catalog;
import dev.easel.gateway.catalog.Provider;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.state.Fingerprint;
import dev.easel.gateway.state.Idempotent;
import dev.easel.gateway.state.MemoryIdempotencyStore;
import dev.easel.media.ImageFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(VertxExtension.class)
class ImageJobServiceTest {

    // flux: three priority groups so the order is fixed; solo: one image per call.
    private static final Route FAL = route("fal", "flux", 0, 1, "0.01", 4);
    private static final Route REPLICATE = route("replicate", "flux", 1, 1, "0.02", 4);
    private static final Route BFL = route("bfl", "flux", 2, 1, "0.04", 1);
    private static final Route FAL_SOLO = route("fal", "solo", 0, 1, "0.01", 1);
    private static final Route REPLICATE_SOLO = route("replicate", "solo", 1, 1, "0.02", 1);

    private final MutableClock clock = new MutableClock();
    private final FakeAdapter fal = new FakeAdapter("fal");
    private final FakeAdapter replicate = new FakeAdapter("replicate");
    private final FakeAdapter bfl = new FakeAdapter("bfl");
    private final FakeProcessor processor = new FakeProcessor();
    private final RouteHealth health = new LocalRouteHealth(clock);
    private Vertx vertx;
    private ImageJobService service;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        Map<String, List<Route>> models = new LinkedHashMap<>();
        models.put("flux", List.of(FAL, REPLICATE, BFL));
        models.put("solo", List.of(FAL_SOLO, REPLICATE_SOLO));
        service = service(Fixtures.catalog(models), new SplittableRandom(1));
    }

    private ImageJobService service(Catalog catalog, SplittableRandom random) {
        return new ImageJobService(vertx, catalog, Map.of("fal", fal, "replicate", replicate, "bfl", bfl),
                health, clock, random, Fixtures.NORMALIZER);
    }

    private RequestContext ctx(Duration budget) {
        return new RequestContext("req-1", clock.instant().plus(budget), Promise.<Void>promise().future());
    }

    private Future<ImageJobResult> generate(ImageJob req) {
        return service.run(req, ctx(Duration.ofSeconds(60)), processor);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static ApiException failure(Future<?> f) throws Exception {
        try {
            await(f);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return (ApiException) e.getCause();
        }
        throw new AssertionError("expected a failure, got a success");
    }

    private static List<String> labels(ImageJobResult g) {
        return g.images().stream().map(FakeProcessor::label).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(ApiException e) {
        return (List<Map<String, Object>>) e.metadata().get("attempts");
    }

    // ---- failover ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"RATE_LIMITED", "UNAVAILABLE", "TIMEOUT", "NO_IMAGE", "AUTH",
            "QUOTA", "UPSTREAM"})
    void should_fail_over_to_the_next_route_when_the_first_fails_retryably(ErrorKind kind) throws Exception {
        fal.thenFail(kind);

        ImageJobResult g = await(generate(request("flux", 1)));

        assertThat(labels(g)).containsExactly("replicate-1-0");
        assertThat(g.route()).isEqualTo(REPLICATE);
        assertThat(g.attempts()).extracting(Attempt::provider, Attempt::status, Attempt::code).containsExactly(
                tuple("fal", "failed", kind.code()),
                tuple("replicate", "succeeded", null));
        assertThat(g.cost()).isEqualByComparingTo("0.02");
    }

    @Test
    void should_fail_over_when_an_adapter_fails_with_something_other_than_a_provider_exception() throws Exception {
        fal.then((r, call) -> Future.failedFuture(new ClassCastException("class java.lang.Integer cannot be cast")));

        ImageJobResult g = await(generate(request("flux", 1)));

        assertThat(g.route()).isEqualTo(REPLICATE);
        assertThat(g.attempts()).extracting(Attempt::provider, Attempt::code)
                .containsExactly(tuple("fal", "provider_error"), tuple("replicate", null));
    }

    @Test
    void should_fail_over_when_the_processor_finds_undecodable_bytes() throws Exception {
        processor.undecodable.add("fal");

        ImageJobResult g = await(generate(request("flux", 1)));

        assertThat(labels(g)).containsExactly("replicate-1-0");
        assertThat(g.attempts()).extracting(Attempt::code).containsExactly("invalid_image", null);
    }

    @Test
    void should_return_400_at_once_when_the_provider_refuses_on_content_policy() throws Exception {
        fal.thenFail(ErrorKind.CONTENT_POLICY);

        ApiException e = failure(generate(request("flux", 1)));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("content_policy_violation");
        assertThat(replicate.calls()).isZero();
        assertThat(attempts(e)).extracting(a -> a.get("code")).containsExactly("content_policy_violation");
        // The provider answered: a refusal is no mark against its health.
        assertThat(health.snapshot(FAL.slug()).consecutiveFailures()).isZero();
    }

    @Test
    void should_return_400_at_once_when_the_provider_rejects_the_input() throws Exception {
        fal.thenFail(ErrorKind.INVALID_REQUEST);

        ApiException e = failure(generate(request("flux", 1)));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_request");
        assertThat(replicate.calls()).isZero();
    }

    @Test
    void should_answer_502_with_every_attempt_when_every_route_fails() throws Exception {
        fal.thenFail(ErrorKind.UNAVAILABLE);
        replicate.thenFail(ErrorKind.RATE_LIMITED);
        bfl.thenFail(ErrorKind.TIMEOUT);

        ApiException e = failure(generate(request("flux", 1)));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("all_providers_exhausted");
        assertThat(e.getMessage()).contains("fal/flux: provider_unavailable", "replicate/flux: rate_limited",
                "bfl/flux: upstream_timeout");
        assertThat(attempts(e)).extracting(a -> a.get("provider"), a -> a.get("status"), a -> a.get("code"))
                .containsExactly(tuple("fal", "failed", "provider_unavailable"),
                        tuple("replicate", "failed", "rate_limited"),
                        tuple("bfl", "failed", "upstream_timeout"));
        assertThat(attempts(e).get(0)).containsKeys("model", "latency_ms");
    }

    @Test
    void should_answer_429_with_the_smallest_retry_after_when_every_route_is_rate_limited() throws Exception {
        fal.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(30));
        replicate.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(10));
        bfl.thenFail(ErrorKind.RATE_LIMITED);

        ApiException e = failure(generate(request("flux", 1)));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(attempts(e)).hasSize(3);
    }

    // ---- pinned slugs ------------------------------------------------------------------

    @Test
    void should_not_fail_over_when_the_slug_is_pinned() throws Exception {
        fal.thenFail(ErrorKind.UNAVAILABLE);

        ApiException e = failure(generate(request("fal/flux", 1)));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("fal/flux", "provider_unavailable");
        assertThat(replicate.calls()).isZero();
        assertThat(bfl.calls()).isZero();
        assertThat(attempts(e)).hasSize(1);
    }

    @Test
    void should_answer_429_when_a_pinned_route_is_rate_limited() throws Exception {
        replicate.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(12));

        ApiException e = failure(generate(request("replicate/flux", 1)));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(fal.calls()).isZero();
    }

    @Test
    void should_answer_504_when_a_pinned_route_times_out() throws Exception {
        fal.thenFail(ErrorKind.TIMEOUT);

        ApiException e = failure(generate(request("fal/flux", 1)));

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.code()).isEqualTo("upstream_timeout");
    }

    @Test
    void should_still_call_a_pinned_route_when_its_circuit_is_open() throws Exception {
        for (int i = 0; i < 5; i++) {
            fal.thenFail(ErrorKind.UNAVAILABLE);
            await(generate(request("flux", 1)));
        }

        ImageJobResult g = await(generate(request("fal/flux", 1)));

        assertThat(g.route()).isEqualTo(FAL);
    }

    // ---- health ------------------------------------------------------------------------

    @Test
    void should_open_skip_probe_once_and_close_when_a_route_fails_then_recovers() throws Exception {
        for (int i = 0; i < 5; i++) {
            fal.thenFail(ErrorKind.UNAVAILABLE);
            assertThat(await(generate(request("flux", 1))).route()).isEqualTo(REPLICATE);
        }
        assertThat(health.snapshot(FAL.slug()).state()).isEqualTo(RouteHealth.State.OPEN);

        // Open: moved last, so replicate serves and fal is not called.
        assertThat(await(generate(request("flux", 1))).route()).isEqualTo(REPLICATE);
        assertThat(fal.calls()).isEqualTo(5);

        // After the cooldown one request probes fal; a concurrent one does not wait for it.
        clock.advance(Duration.ofSeconds(30));
        fal.thenHang();
        Future<ImageJobResult> probe = generate(request("flux", 1));
        assertThat(health.snapshot(FAL.slug()).state()).isEqualTo(RouteHealth.State.HALF_OPEN);
        assertThat(await(generate(request("flux", 1))).route()).isEqualTo(REPLICATE);
        assertThat(fal.calls()).isEqualTo(6);

        fal.hanging.get(0).complete(fal.success(6, 1));

        assertThat(await(probe).route()).isEqualTo(FAL);
        assertThat(health.snapshot(FAL.slug()).state()).isEqualTo(RouteHealth.State.CLOSED);
        assertThat(await(generate(request("flux", 1))).route()).isEqualTo(FAL);
    }

    @Test
    void should_try_an_open_route_as_a_last_resort_when_every_other_route_fails() throws Exception {
        for (int i = 0; i < 5; i++) {
            fal.thenFail(ErrorKind.UNAVAILABLE);
            await(generate(request("flux", 1)));
        }
        replicate.thenFail(ErrorKind.UNAVAILABLE);
        bfl.thenFail(ErrorKind.UNAVAILABLE);

        ImageJobResult g = await(generate(request("flux", 1)));

        assertThat(g.route()).isEqualTo(FAL);
        assertThat(g.attempts()).extracting(Attempt::provider).containsExactly("replicate", "bfl", "fal");
    }

    @Test
    void should_skip_a_route_until_its_retry_after_passed() throws Exception {
        fal.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(20));
        assertThat(await(generate(request("flux", 1))).route()).isEqualTo(REPLICATE);

        clock.advance(Duration.ofSeconds(19));
        assertThat(await(generate(request("flux", 1))).route()).isEqualTo(REPLICATE);
        assertThat(fal.calls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(await(generate(request("flux", 1))).route()).isEqualTo(FAL);
    }

    @Test
    void should_not_call_a_route_in_its_retry_after_even_when_every_other_route_fails() throws Exception {
        fal.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(20));
        await(generate(request("flux", 1)));
        replicate.thenFail(ErrorKind.UNAVAILABLE);
        bfl.thenFail(ErrorKind.UNAVAILABLE);

        ApiException e = failure(generate(request("flux", 1)));

        assertThat(e.status()).isEqualTo(502);
        assertThat(fal.calls()).isEqualTo(1);
        assertThat(attempts(e)).extracting(a -> a.get("provider")).containsExactly("replicate", "bfl");
    }

    @Test
    void should_answer_429_without_calling_when_every_route_waits_out_a_retry_after() throws Exception {
        fal.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(30));
        replicate.thenFail(ErrorKind.RATE_LIMITED, Duration.ofSeconds(10));
        assertThat(failure(generate(request("solo", 1))).retryAfter()).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(4));

        ApiException e = failure(generate(request("solo", 1)));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(fal.calls() + replicate.calls()).isEqualTo(2);
    }

    // ---- deadline and client -----------------------------------------------------------

    @Test
    void should_answer_504_and_abandon_the_call_when_the_deadline_passes() throws Exception {
        fal.thenHang();

        ApiException e = failure(service.run(request("flux", 1), ctx(Duration.ofMillis(100)), processor));

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.code()).isEqualTo("upstream_timeout");
        assertThat(fal.requests.get(0).abandoned().isComplete()).isTrue();
        assertThat(attempts(e)).extracting(a -> a.get("provider"), a -> a.get("code"))
                .containsExactly(tuple("fal", "upstream_timeout"));
        assertThat(replicate.calls()).isZero();
        // A late answer after the deadline changes nothing.
        fal.hanging.get(0).complete(fal.success(1, 1));
        assertThat(health.snapshot(FAL.slug()).consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void should_end_each_call_at_its_provider_timeout_when_that_comes_before_the_request_deadline() throws Exception {
        Catalog base = Fixtures.catalog(Map.of("flux", List.of(FAL, REPLICATE, BFL)));
        Map<String, Provider> providers = new LinkedHashMap<>(base.providers());
        ProviderConfig fast = providers.get("fal").config();
        providers.put("fal", new Provider(new ProviderConfig(fast.id(), fast.adapter(), fast.baseUrl(), fast.apiKey(),
                fast.mediaHosts(), fast.poll(), Duration.ofSeconds(5), fast.options()), "FAL_KEY", true));
        service = service(new Catalog(base.defaultModel(), providers, base.models()), new SplittableRandom(1));
        fal.then((r, call) -> Future.failedFuture(new ProviderException(ErrorKind.TIMEOUT, "fal", 0,
                "fal: no answer before the deadline")));
        RequestContext ctx = ctx(Duration.ofSeconds(30));

        ImageJobResult g = await(service.run(request("flux", 1), ctx, processor));

        assertThat(g.route()).isEqualTo(REPLICATE);

        // fal's timeout_s (5 s) cuts its call short; replicate's (60 s) is longer than the request's 30 s.
        assertThat(fal.requests.get(0).deadline()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(replicate.requests.get(0).deadline()).isEqualTo(ctx.deadline());
    }

    @Test
    void should_answer_504_without_failing_over_when_the_adapter_times_out_at_the_request_deadline() throws Exception {
        // The adapter's deadline timer can fire a moment before the run's own: still the deadline's 504.
        fal.then((r, call) -> {
            clock.advance(Duration.ofSeconds(30));
            return Future.failedFuture(new ProviderException(ErrorKind.TIMEOUT, "fal", 0,
                    "fal: the job did not finish before the deadline"));
        });

        ApiException e = failure(service.run(request("flux", 1), ctx(Duration.ofSeconds(30)), processor));

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.code()).isEqualTo("upstream_timeout");
        assertThat(attempts(e)).extracting(a -> a.get("provider"), a -> a.get("code"))
                .containsExactly(tuple("fal", "upstream_timeout"));
        assertThat(replicate.calls()).isZero();
        assertThat(fal.requests.get(0).abandoned().isComplete()).isTrue();
    }

    @Test
    void should_answer_504_without_calling_when_the_deadline_already_passed() throws Exception {
        ApiException e = failure(service.run(request("flux", 1), ctx(Duration.ZERO), processor));

        assertThat(e.status()).isEqualTo(504);
        assertThat(fal.calls()).isZero();
    }

    @Test
    void should_abandon_every_call_when_the_client_goes_away() throws Exception {
        fal.thenHang().thenHang();
        Promise<Void> gone = Promise.promise();
        RequestContext ctx = new RequestContext("req-2", clock.instant().plusSeconds(60), gone.future());
        Future<ImageJobResult> f = service.run(request("solo", 2), ctx, processor);
        assertThat(fal.calls()).isEqualTo(2);

        gone.complete();

        assertThat(failure(f).status()).isEqualTo(499);
        assertThat(fal.requests).allSatisfy(r -> assertThat(r.abandoned().isComplete()).isTrue());
        assertThat(health.snapshot(FAL_SOLO.slug()).consecutiveFailures()).isZero();
    }

    // ---- n emulation -------------------------------------------------------------------

    @Test
    void should_make_five_calls_and_keep_the_order_when_the_route_makes_one_image_per_call() throws Exception {
        ImageJobResult g = await(generate(request("solo", 5)));

        assertThat(fal.calls()).isEqualTo(5);
        assertThat(fal.requests).allSatisfy(r -> assertThat(r.n()).isEqualTo(1));
        assertThat(labels(g)).containsExactly("fal-1-0", "fal-2-0", "fal-3-0", "fal-4-0", "fal-5-0");
        assertThat(g.attempts()).hasSize(5);
        assertThat(g.cost()).isEqualByComparingTo("0.05");
    }

    @Test
    void should_split_by_max_images_when_n_exceeds_it() throws Exception {
        ImageJobResult g = await(generate(request("flux", 5)));

        assertThat(fal.requests).extracting(r -> r.n()).containsExactly(4, 1);
        assertThat(labels(g)).containsExactly("fal-1-0", "fal-1-1", "fal-1-2", "fal-1-3", "fal-2-0");
    }

    @Test
    void should_fail_one_part_over_while_the_others_succeed() throws Exception {
        fal.then((r, call) -> Future.succeededFuture(fal.success(call, 1)))
                .thenFail(ErrorKind.UNAVAILABLE);

        ImageJobResult g = await(generate(request("solo", 3)));

        assertThat(labels(g)).containsExactly("fal-1-0", "replicate-1-0", "fal-3-0");
        assertThat(g.cost()).isEqualByComparingTo("0.04");
        assertThat(g.route()).isEqualTo(FAL_SOLO);
        assertThat(g.attempts()).extracting(Attempt::provider, Attempt::status).containsExactly(
                tuple("fal", "succeeded"),
                tuple("fal", "failed"),
                tuple("replicate", "succeeded"),
                tuple("fal", "succeeded"));
    }

    @Test
    void should_fail_the_part_over_when_a_route_returns_fewer_images_than_asked() throws Exception {
        fal.thenReturn(2, List.of(), Map.of());

        ImageJobResult g = await(generate(request("flux", 3)));

        assertThat(g.images()).hasSize(3);
        assertThat(g.route()).isEqualTo(REPLICATE);
        assertThat(g.attempts()).extracting(Attempt::code).containsExactly("no_image", null);
    }

    @Test
    void should_abandon_the_other_parts_when_one_part_hits_a_content_policy() throws Exception {
        fal.thenHang().thenFail(ErrorKind.CONTENT_POLICY);

        ApiException e = failure(generate(request("solo", 2)));

        assertThat(e.code()).isEqualTo("content_policy_violation");
        assertThat(fal.requests.get(0).abandoned().isComplete()).isTrue();
        assertThat(attempts(e)).extracting(a -> a.get("code")).containsExactly("abandoned", "content_policy_violation");
    }

    // ---- metadata ----------------------------------------------------------------------

    @Test
    void should_report_deduplicated_warnings_and_summed_usage_when_parts_succeed() throws Exception {
        Warning w = new Warning("size_adjusted", "size", "snapped");
        Map<String, Object> usage = Map.of("total_tokens", 10, "input_tokens_details", Map.of("text_tokens", 3));
        fal.thenReturn(1, List.of(w), usage).thenReturn(1, List.of(w), usage);
        ImageJob req = ImageJob.generate("fox", "solo", 2, dev.easel.adapter.size.RequestedSize.AUTO,
                false, ImageJob.ResponseFormat.URL, ImageFormat.PNG,
                new OptionalParams(null, "hd", null, null, null, null, null, null), null);

        ImageJobResult g = await(generate(req));

        assertThat(g.warnings()).containsExactly(Warning.unsupported("quality", "fal/solo"), w);
        assertThat(g.usage()).containsEntry("total_tokens", 20L)
                .containsEntry("input_tokens_details", Map.of("text_tokens", 6L));
        assertThat(g.normalization().expected()).hasToString("1024x1024");
    }

    // ---- dry run -----------------------------------------------------------------------

    @Test
    void should_call_no_provider_when_planning() {
        Plan plan = service.plan(request("flux", 5));

        assertThat(fal.calls() + replicate.calls() + bfl.calls()).isZero();
        assertThat(plan.model()).isEqualTo("flux");
        assertThat(plan.pinned()).isFalse();
        assertThat(plan.candidates()).extracting(Plan.Candidate::slug, Plan.Candidate::calls)
                .containsExactly(tuple("fal/flux", 2),
                        tuple("replicate/flux", 2),
                        tuple("bfl/flux", 5));
        assertThat(plan.estimatedCost()).isEqualByComparingTo("0.05");
        assertThat(plan.candidates().get(2).estimatedCost()).isEqualByComparingTo("0.20");
        assertThat(plan.candidates().get(0).sent()).hasToString("1024x1024");
        assertThat(plan.candidates().get(0).health()).isEqualTo(RouteHealth.State.CLOSED);
    }

    @Test
    void should_plan_an_open_route_last_when_its_circuit_is_open() throws Exception {
        for (int i = 0; i < 5; i++) {
            fal.thenFail(ErrorKind.UNAVAILABLE);
            await(generate(request("flux", 1)));
        }

        Plan plan = service.plan(request("flux", 1));

        assertThat(plan.candidates()).extracting(Plan.Candidate::provider).containsExactly("replicate", "bfl", "fal");
        Plan.Candidate falCandidate = plan.candidates().get(2);
        assertThat(falCandidate.available()).isFalse();
        assertThat(falCandidate.health()).isEqualTo(RouteHealth.State.OPEN);
        assertThat(falCandidate.cooldownUntil()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void should_plan_the_same_weighted_order_when_the_seed_is_the_same() {
        Map<String, List<Route>> models = Map.of("flux", List.of(route("a", "flux", 0, 70), route("b", "flux", 0, 20),
                route("c", "flux", 0, 10)));
        Catalog catalog = Fixtures.catalog(models);
        for (long seed = 0; seed < 10; seed++) {
            ImageJobService one = new ImageJobService(vertx, catalog, Map.of("a", fal, "b", replicate, "c", bfl),
                    health, clock, new SplittableRandom(seed), Fixtures.NORMALIZER);
            ImageJobService two = new ImageJobService(vertx, catalog, Map.of("a", fal, "b", replicate, "c", bfl),
                    health, clock, new SplittableRandom(seed), Fixtures.NORMALIZER);

            assertThat(one.plan(request("flux", 1)).candidates()).extracting(Plan.Candidate::slug)
                    .isEqualTo(two.plan(request("flux", 1)).candidates().stream().map(Plan.Candidate::slug).toList());
        }
    }

    @Test
    void should_fail_planning_with_404_when_the_model_is_unknown() {
        assertThatThrownBy(() -> service.plan(request("flx", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("model_not_found"));
    }

    // ---- idempotency -------------------------------------------------------------------

    @Test
    void should_make_one_call_when_duplicates_share_an_idempotency_key() throws Exception {
        MemoryIdempotencyStore<ImageJobResult> cache = new MemoryIdempotencyStore<>(Duration.ofHours(24), 1 << 20, g -> 1);
        Fingerprint fp = Fingerprint.of(new JsonObject().put("model", "flux").put("prompt", "a red fox"));
        fal.thenHang();

        Future<ImageJobResult> first = Idempotent.execute(cache, "key", fp, Instant.MAX, () -> generate(request("flux", 1)));
        Future<ImageJobResult> concurrent = Idempotent.execute(cache, "key", fp, Instant.MAX, () -> generate(request("flux", 1)));
        fal.hanging.get(0).complete(fal.success(1, 1));
        Future<ImageJobResult> replay = Idempotent.execute(cache, "key", fp, Instant.MAX, () -> generate(request("flux", 1)));

        assertThat(labels(await(first))).containsExactly("fal-1-0");
        assertThat(await(concurrent)).isSameAs(await(first));
        assertThat(await(replay)).isSameAs(await(first));
        assertThat(fal.calls()).isEqualTo(1);
        assertThat(failure(Idempotent.execute(cache, "key", new Fingerprint("other"), Instant.MAX, () -> generate(request("flux", 1)))).status()).isEqualTo(409);
    }
}
