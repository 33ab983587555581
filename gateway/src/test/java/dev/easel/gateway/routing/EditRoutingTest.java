package dev.easel.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Capabilities;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.gateway.api.ApiException;
import dev.easel.gateway.catalog.EditSupport;
import dev.easel.gateway.catalog.MaskConvention;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.MaskReport;
import dev.easel.gateway.job.PreparedInputs;
import dev.easel.media.ImageFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Edits through {@link ImageJobService}: which routes take them, per-route inputs, failover. */
@ExtendWith(VertxExtension.class)
class EditRoutingTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final MutableClock clock = new MutableClock();
    private final FakeAdapter fal = new FakeAdapter("fal");
    private final FakeAdapter bfl = new FakeAdapter("bfl");
    private final FakeProcessor processor = new FakeProcessor();
    private final List<String> prepared = Collections.synchronizedList(new ArrayList<>());
    private ImageJobService service;

    private static Route editRoute(String provider, String model, int priority, int maxInputs, MaskConvention mask,
                                   boolean generates) {
        return new Route(model, provider, provider + "-" + model, priority, 1, new BigDecimal("0.04"),
                new Capabilities(Fixtures.ANY, 1, List.of("png"), Set.of()), generates,
                new EditSupport(provider + "-" + model + "-edit", maxInputs, mask, null, 4_194_304,
                        Set.of(ImageFormat.PNG)));
    }

    @BeforeEach
    void setUp(Vertx vertx) {
        Map<String, List<Route>> models = new LinkedHashMap<>();
        models.put("kontext", List.of(editRoute("fal", "kontext", 0, 1, MaskConvention.NONE, true),
                editRoute("bfl", "kontext", 1, 4, MaskConvention.NONE, true)));
        models.put("fill", List.of(editRoute("fal", "fill", 0, 1, MaskConvention.LUMINANCE, false),
                editRoute("bfl", "fill", 1, 1, MaskConvention.LUMINANCE, false)));
        models.put("plain", List.of(Fixtures.route("fal", "plain", 0, 1)));
        service = new ImageJobService(vertx, Fixtures.catalog(models), Map.of("fal", fal, "bfl", bfl),
                new LocalRouteHealth(clock), clock, new SplittableRandom(1), Fixtures.NORMALIZER);
    }

    /** Records which routes inputs were prepared for, and tags the first input with the route. */
    private Future<PreparedInputs> prepare(ImageJob job, Route route) {
        prepared.add(route.slug());
        InputImage tagged = new InputImage(concat(PNG_MAGIC, route.slug().getBytes(StandardCharsets.UTF_8)), "image/png");
        List<InputImage> images = new ArrayList<>(job.inputs());
        images.set(0, tagged);
        InputImage mask = job.mask() == null ? null : new InputImage(PNG_MAGIC, "image/png");
        MaskReport report = job.mask() == null ? null
                : new MaskReport(MaskConvention.ALPHA, route.edit().mask(), true);
        return Future.succeededFuture(new PreparedInputs(images, mask, report));
    }

    private static ImageJob edit(String model, int images, boolean mask) {
        List<InputImage> inputs = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            inputs.add(new InputImage(PNG_MAGIC, "image/png"));
        }
        return new ImageJob(Operation.EDIT, "make it night", model, 1, RequestedSize.AUTO, false,
                ImageJob.ResponseFormat.B64_JSON, ImageFormat.PNG, OptionalParams.NONE, inputs,
                mask ? new InputImage(PNG_MAGIC, "image/png") : null, null);
    }

    private Future<ImageJobResult> run(ImageJob job) {
        RequestContext ctx = new RequestContext("req-e", clock.instant().plus(Duration.ofSeconds(60)),
                Promise.<Void>promise().future());
        return service.run(job, ctx, processor, this::prepare);
    }

    @Test
    void should_fail_over_to_the_next_edit_route_with_inputs_prepared_for_it() throws Exception {
        fal.thenFail(ErrorKind.UNAVAILABLE);

        ImageJobResult result = await(run(edit("kontext", 1, false)));

        assertThat(result.route().provider()).isEqualTo("bfl");
        assertThat(prepared).containsExactly("fal/kontext", "bfl/kontext");
        assertThat(fal.requests).singleElement().satisfies(r -> {
            assertThat(r.operation()).isEqualTo(Operation.EDIT);
            assertThat(r.providerModel()).isEqualTo("fal-kontext-edit");
            assertThat(new String(r.inputs().get(0).data(), StandardCharsets.UTF_8)).endsWith("fal/kontext");
        });
        assertThat(bfl.requests).singleElement().satisfies(r -> {
            assertThat(r.providerModel()).isEqualTo("bfl-kontext-edit");
            assertThat(new String(r.inputs().get(0).data(), StandardCharsets.UTF_8)).endsWith("bfl/kontext");
        });
    }

    @Test
    void should_skip_a_route_that_takes_fewer_images_with_a_warning() throws Exception {
        ImageJobResult result = await(run(edit("kontext", 3, false)));

        assertThat(result.route().provider()).isEqualTo("bfl");
        assertThat(fal.requests).isEmpty();
        assertThat(bfl.requests.get(0).inputs()).hasSize(3);
        assertThat(result.warnings()).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo("route_skipped");
            assertThat(w.param()).isEqualTo("image");
            assertThat(w.message()).contains("fal/kontext");
        });
    }

    @Test
    void should_report_the_mask_of_the_route_that_delivered() throws Exception {
        fal.thenFail(ErrorKind.RATE_LIMITED);

        ImageJobResult result = await(run(edit("fill", 1, true)));

        assertThat(result.mask()).isEqualTo(new MaskReport(MaskConvention.ALPHA, MaskConvention.LUMINANCE, true));
        assertThat(bfl.requests.get(0).mask()).isNotNull();
    }

    @Test
    void should_refuse_a_mask_naming_mask_when_no_route_takes_one() throws Exception {
        ApiException e = failure(run(edit("kontext", 1, true)));

        assertThat(e.param()).isEqualTo("mask");
        assertThat(fal.requests).isEmpty();
        assertThat(bfl.requests).isEmpty();
    }

    @Test
    void should_refuse_too_many_images_naming_image() throws Exception {
        ApiException e = failure(run(edit("kontext", 5, false)));

        assertThat(e.param()).isEqualTo("image");
        assertThat(e.getMessage()).contains("at most 4");
    }

    @Test
    void should_refuse_a_model_that_does_not_edit_listing_those_that_do() throws Exception {
        ApiException e = failure(run(edit("plain", 1, false)));

        assertThat(e.param()).isEqualTo("model");
        assertThat(e.getMessage()).contains("kontext").contains("fill");
    }

    @Test
    void should_refuse_a_generation_on_an_edit_only_model() throws Exception {
        ApiException e = failure(service.run(Fixtures.request("fill", 1),
                new RequestContext("req-g", clock.instant().plus(Duration.ofSeconds(60)), Promise.<Void>promise().future()),
                processor));

        assertThat(e.param()).isEqualTo("model");
        assertThat(e.getMessage()).contains("only edits");
    }

    @Test
    void should_plan_only_the_routes_that_can_take_the_edit() {
        Plan plan = service.plan(edit("kontext", 2, false));

        assertThat(plan.candidates()).extracting(Plan.Candidate::provider).containsExactly("bfl");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("route_skipped"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
}
