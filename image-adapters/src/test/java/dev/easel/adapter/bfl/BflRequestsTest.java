package dev.easel.adapter.bfl;

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

class BflRequestsTest {

    @Test
    void should_send_width_and_height_when_pixels() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.size = new UpstreamSize.Pixels(new Dim(1440, 800));
        r.seed = 5L;
        r.outputFormat = "jpeg";

        MappedRequest mapped = BflRequests.map(r.build(), "bfl");

        assertThat(mapped.body()).isEqualTo(new JsonObject().put("prompt", "a red fox in snow")
                .put("width", 1440).put("height", 800).put("seed", 5L).put("output_format", "jpeg"));
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_send_aspect_ratio_when_ratio() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.size = new UpstreamSize.Ratio("7:4", null);

        JsonObject body = BflRequests.map(r.build(), "bfl").body();

        assertThat(body.getString("aspect_ratio")).isEqualTo("7:4");
        assertThat(body.containsKey("width")).isFalse();
    }

    @Test
    void should_omit_format_when_webp_or_not_native() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.outputFormat = "webp";
        assertThat(BflRequests.map(r.build(), "bfl").body().containsKey("output_format")).isFalse();

        r.outputFormat = "png";
        r.capabilities = JobTestSupport.capabilities(1, List.of("jpeg"), Set.of("seed"));
        assertThat(BflRequests.map(r.build(), "bfl").body().containsKey("output_format")).isFalse();
    }

    @Test
    void should_merge_options_last_when_given() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.options = Map.of("safety_tolerance", 4, "prompt_upsampling", true);

        JsonObject body = BflRequests.map(r.build(), "bfl").body();

        assertThat(body.getInteger("safety_tolerance")).isEqualTo(4);
        assertThat(body.getBoolean("prompt_upsampling")).isTrue();
    }

    @Test
    void should_warn_when_field_has_no_bfl_equivalent() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.negativePrompt = "blur";
        r.size = new UpstreamSize.Ratio("16:9", "2K");

        assertThat(BflRequests.map(r.build(), "bfl").warnings()).extracting(w -> w.param())
                .containsExactlyInAnyOrder("negative_prompt", "resolution");
    }
}
