package dev.easel.adapter.fal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FalRequestsTest {

    @Test
    void should_send_preset_name_when_size_is_preset() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.n = 2;
        r.seed = 42L;
        r.outputFormat = "jpeg";
        r.size = new UpstreamSize.Preset("landscape_16_9", new Dim(1024, 576));

        MappedRequest mapped = FalRequests.map(r.build(), "fal");

        assertThat(mapped.body()).isEqualTo(new JsonObject()
                .put("prompt", "a red fox in snow").put("num_images", 2).put("seed", 42L)
                .put("output_format", "jpeg").put("image_size", "landscape_16_9"));
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_send_width_and_height_when_size_is_pixels() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.size = new UpstreamSize.Pixels(new Dim(1280, 720));

        JsonObject body = FalRequests.map(r.build(), "fal").body();

        assertThat(body.getJsonObject("image_size")).isEqualTo(new JsonObject().put("width", 1280).put("height", 720));
        assertThat(body.getString("output_format")).isEqualTo("png");
    }

    @Test
    void should_send_aspect_ratio_when_size_is_ratio() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.size = new UpstreamSize.Ratio("21:9", null);

        JsonObject body = FalRequests.map(r.build(), "fal").body();

        assertThat(body.getString("aspect_ratio")).isEqualTo("21:9");
        assertThat(body.containsKey("image_size")).isFalse();
    }

    @Test
    void should_omit_size_and_format_when_default_and_webp() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.outputFormat = "webp";

        JsonObject body = FalRequests.map(r.build(), "fal").body();

        assertThat(body.fieldNames()).containsExactlyInAnyOrder("prompt", "num_images");
    }

    @Test
    void should_omit_num_images_when_route_makes_one_image() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.capabilities = JobTestSupport.capabilities(1, List.of("jpeg", "png"), Set.of("seed"));

        assertThat(FalRequests.map(r.build(), "fal").body().containsKey("num_images")).isFalse();
    }

    @Test
    void should_add_provider_options_but_keep_easels_fields_when_merged() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.options = Map.of("num_inference_steps", 2, "output_format", "jpeg", "num_images", 4);
        r.capabilities = JobTestSupport.capabilities(1, List.of("jpeg", "png"), Set.of("seed"));

        MappedRequest mapped = FalRequests.map(r.build(), "fal");

        assertThat(mapped.body().getInteger("num_inference_steps")).isEqualTo(2);
        assertThat(mapped.body().getString("output_format")).isEqualTo("png");
        assertThat(mapped.body().containsKey("num_images")).isFalse();
        assertThat(mapped.warnings()).extracting(Warning::param)
                .contains("provider_options.output_format", "provider_options.num_images");
    }

    @Test
    void should_warn_and_not_send_when_field_has_no_fal_equivalent() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.quality = "high";
        r.negativePrompt = "blurry";
        r.size = new UpstreamSize.Ratio("16:9", "2K");

        MappedRequest mapped = FalRequests.map(r.build(), "fal");

        assertThat(mapped.warnings()).extracting(w -> w.param())
                .containsExactlyInAnyOrder("quality", "negative_prompt", "resolution");
        assertThat(mapped.body().fieldNames()).doesNotContain("quality", "negative_prompt", "resolution");
    }
}
