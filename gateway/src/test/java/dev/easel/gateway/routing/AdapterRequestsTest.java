package dev.easel.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Capabilities;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.Warning;
import dev.easel.adapter.size.NormalizedSize;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.gateway.catalog.Route;
import dev.easel.gateway.job.ImageJob;
import dev.easel.media.ImageFormat;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterRequestsTest {

    private static final Route ROUTE = Fixtures.route("fal", "flux", 0, 1);
    private static final NormalizedSize SIZE = Fixtures.NORMALIZER.apply(RequestedSize.AUTO, Fixtures.ANY);

    @Test
    void should_drop_unhonoured_parameters_with_a_warning_each_when_building() {
        ImageJob job = ImageJob.generate("p", "flux", 1, RequestedSize.AUTO, false, ImageJob.ResponseFormat.URL,
                ImageFormat.JPEG, new OptionalParams(70, "high", null, null, null, "u", 5L, null),
                Map.of("fal", Map.of("steps", 2), "replicate", Map.of("x", 1)));

        AdapterRequests.Built built = AdapterRequests.build(job, ROUTE, SIZE, 1, "req", Instant.EPOCH,
                Future.succeededFuture());

        // The fixture route honours seed only; output_compression still shapes Easel's own encoding.
        assertThat(built.warnings()).containsExactly(Warning.unsupported("quality", "fal/flux"),
                Warning.unsupported("user", "fal/flux"));
        assertThat(built.request().params()).isEqualTo(new OptionalParams(null, null, null, null, null, null, 5L, null));
        assertThat(built.request().providerOptions()).isEqualTo(Map.of("steps", 2));
        assertThat(built.request().providerModel()).isEqualTo("fal-flux");
        assertThat(built.request().operation()).isEqualTo(Operation.GENERATE);
        assertThat(built.request().outputFormat()).isEqualTo("jpeg");
    }

    @Test
    void should_pass_inputs_and_mask_through_when_the_job_is_an_edit() {
        InputImage image = new InputImage(new byte[] {1}, "image/png");
        InputImage mask = new InputImage(new byte[] {2}, "image/png");
        ImageJob job = new ImageJob(Operation.EDIT, "p", "flux", 1, RequestedSize.AUTO, false,
                ImageJob.ResponseFormat.URL, ImageFormat.PNG, null, List.of(image), mask, null);

        AdapterRequests.Built built = AdapterRequests.build(job, ROUTE, SIZE, 1, "req", Instant.EPOCH,
                Future.succeededFuture());

        assertThat(built.request().operation()).isEqualTo(Operation.EDIT);
        assertThat(built.request().inputs()).containsExactly(image);
        assertThat(built.request().mask()).isSameAs(mask);
        assertThat(built.warnings()).isEmpty();
    }

    @Test
    void should_have_an_adapter_format_name_for_every_image_format_when_the_vocabularies_meet() {
        // Adapters cannot see media-transcode's ImageFormat; the two lists must name the same formats.
        assertThat(Arrays.stream(ImageFormat.values()).map(ImageFormat::extension))
                .containsExactlyElementsOf(Capabilities.OUTPUT_FORMATS);
    }
}
