package dev.easel.adapter.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicateRequestsTest {

    @Test
    void should_send_ratio_megapixels_and_jpg_when_flux_schnell() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "black-forest-labs/flux-schnell";
        r.n = 2;
        r.seed = 9L;
        r.outputFormat = "jpeg";
        r.outputCompression = 70;
        r.size = new UpstreamSize.Ratio("16:9", "0.25");
        r.capabilities = JobTestSupport.capabilities(4, List.of("webp", "png", "jpeg"), Set.of("seed", "output_compression"));

        MappedRequest mapped = ReplicateRequests.map(r.build(), "replicate");

        assertThat(mapped.body()).isEqualTo(new JsonObject().put("input", new JsonObject()
                .put("prompt", "a red fox in snow").put("aspect_ratio", "16:9").put("megapixels", "0.25")
                .put("num_outputs", 2).put("seed", 9L).put("output_format", "jpg").put("output_quality", 70)));
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_send_resolution_when_tier_is_spelled_in_mp() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.size = new UpstreamSize.Ratio("3:2", "2 MP");
        r.capabilities = JobTestSupport.capabilities(1, List.of("webp", "png", "jpeg"), Set.of("seed"));

        JsonObject input = ReplicateRequests.map(r.build(), "replicate").body().getJsonObject("input");

        assertThat(input.getString("resolution")).isEqualTo("2 MP");
        assertThat(input.containsKey("megapixels")).isFalse();
        assertThat(input.containsKey("num_outputs")).isFalse();
    }

    @Test
    void should_omit_output_format_when_route_cannot_make_it() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.outputFormat = "webp";
        r.capabilities = JobTestSupport.capabilities(1, List.of("png", "jpeg"), Set.of("seed"));

        assertThat(ReplicateRequests.map(r.build(), "replicate").body().getJsonObject("input").containsKey("output_format"))
                .isFalse();
    }

    @Test
    void should_send_custom_size_when_pixels() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.size = new UpstreamSize.Pixels(new Dim(1024, 768));

        JsonObject input = ReplicateRequests.map(r.build(), "replicate").body().getJsonObject("input");

        assertThat(input.getString("aspect_ratio")).isEqualTo("custom");
        assertThat(input.getInteger("width")).isEqualTo(1024);
        assertThat(input.getInteger("height")).isEqualTo(768);
    }

    @Test
    void should_merge_options_into_input_last_when_given() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.options = Map.of("go_fast", false, "num_inference_steps", 4);

        JsonObject input = ReplicateRequests.map(r.build(), "replicate").body().getJsonObject("input");

        assertThat(input.getBoolean("go_fast")).isFalse();
        assertThat(input.getInteger("num_inference_steps")).isEqualTo(4);
    }

    @Test
    void should_use_version_endpoint_when_model_is_pinned() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "owner/name:abc123";

        assertThat(ReplicateRequests.map(r.build(), "replicate").body().getString("version")).isEqualTo("abc123");
        assertThat(ReplicateRequests.createUrl("https://api.replicate.com/v1", "owner/name:abc123"))
                .isEqualTo("https://api.replicate.com/v1/predictions");
        assertThat(ReplicateRequests.createUrl("https://api.replicate.com/v1", "black-forest-labs/flux-schnell"))
                .isEqualTo("https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions");
    }

    @Test
    void should_wait_less_than_time_left_when_deadline_is_near() {
        assertThat(ReplicateRequests.preferWaitSeconds(120_000, 5)).isEqualTo(5);
        assertThat(ReplicateRequests.preferWaitSeconds(120_000, 600)).isEqualTo(60);
        assertThat(ReplicateRequests.preferWaitSeconds(3_500, 5)).isEqualTo(2);
        assertThat(ReplicateRequests.preferWaitSeconds(500, 5)).isEqualTo(1);
        assertThat(ReplicateRequests.cancelAfter(120_000)).isEqualTo("120s");
        assertThat(ReplicateRequests.cancelAfter(1_000)).isEqualTo("5s");
    }

    @Test
    void should_warn_when_field_has_no_replicate_equivalent() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.style = "vivid";
        r.user = "u1";

        MappedRequest mapped = ReplicateRequests.map(r.build(), "replicate");

        assertThat(mapped.warnings()).extracting(w -> w.param()).containsExactlyInAnyOrder("style", "user");
    }
}
