package dev.easel.adapter.fal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.EditImages;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class FalEditsTest {

    @Test
    void should_tell_each_edit_app_by_its_id() {
        assertThat(FalEdits.shape("fal-ai/flux-pro/kontext", "fal")).isEqualTo(FalEdits.Shape.ONE_IMAGE);
        assertThat(FalEdits.shape("fal-ai/flux-pro/kontext/max", "fal")).isEqualTo(FalEdits.Shape.ONE_IMAGE);
        assertThat(FalEdits.shape("fal-ai/flux-2-pro/edit", "fal")).isEqualTo(FalEdits.Shape.IMAGE_LIST);
        assertThat(FalEdits.shape("fal-ai/nano-banana/edit", "fal")).isEqualTo(FalEdits.Shape.IMAGE_LIST);
        assertThat(FalEdits.shape("fal-ai/flux-pro/v1/fill", "fal")).isEqualTo(FalEdits.Shape.FILL);
    }

    @Test
    void should_refuse_a_text_to_image_app_as_invalid_request() {
        for (String model : List.of("fal-ai/flux-pro/kontext/text-to-image", "fal-ai/flux/schnell", "fal-ai/nano-banana")) {
            assertThatThrownBy(() -> FalEdits.shape(model, "fal")).as(model)
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        }
    }

    @Test
    void should_refuse_fill_without_a_mask() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-pro/v1/fill";
        r.inputs = List.of(EditImages.png(8, 8, Color.RED));

        assertThatThrownBy(() -> FalRequests.map(r.build(), "fal"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @Test
    void should_keep_the_image_fields_when_provider_options_name_them() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux-pro/kontext";
        r.size = new UpstreamSize.Ratio("1:1", null);
        r.inputs = List.of(EditImages.png(8, 8, Color.RED));
        r.options = java.util.Map.of("image_url", "https://attacker.example/x.png", "guidance_scale", 4);

        JsonObject body = FalRequests.map(r.build(), "fal").body();

        assertThat(body.getString("image_url")).startsWith("data:image/png;base64,");
        assertThat(body.getInteger("guidance_scale")).isEqualTo(4);
    }
}
