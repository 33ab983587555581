package dev.easel.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.OptionalParams;
import dev.easel.adapter.size.AspectRatio;
import dev.easel.adapter.size.RequestedSize;
import dev.easel.media.ImageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageJobTest {

    private static final InputImage IMAGE = new InputImage(new byte[] {1}, "image/png");

    private static ImageJob edit(List<InputImage> inputs, InputImage mask) {
        return new ImageJob(Operation.EDIT, "p", "m", 1, new RequestedSize(null, new AspectRatio(3, 2), null), false,
                ImageJob.ResponseFormat.URL, ImageFormat.PNG, null, inputs, mask, null);
    }

    @Test
    void should_make_a_generate_job_without_inputs_when_built_for_generations() {
        ImageJob job = ImageJob.generate("p", "m", 2, RequestedSize.AUTO, false, ImageJob.ResponseFormat.B64_JSON,
                ImageFormat.WEBP, null, Map.of("fal", Map.of("k", 1)));

        assertThat(job.operation()).isEqualTo(Operation.GENERATE);
        assertThat(job.inputs()).isEmpty();
        assertThat(job.mask()).isNull();
        assertThat(job.params()).isEqualTo(OptionalParams.NONE);
        assertThat(job.providerOptions().get("fal")).containsEntry("k", 1);
    }

    @Test
    void should_keep_inputs_in_order_and_unmodifiable_when_an_edit_is_built() {
        InputImage second = new InputImage(new byte[] {2}, "image/jpeg");
        List<InputImage> inputs = new ArrayList<>(List.of(IMAGE, second));

        ImageJob job = edit(inputs, IMAGE);
        inputs.clear();

        assertThat(job.inputs()).containsExactly(IMAGE, second);
        assertThatThrownBy(() -> job.inputs().add(IMAGE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(job.size().ratio()).isEqualTo(new AspectRatio(3, 2));
    }

    @Test
    void should_refuse_an_edit_when_it_has_no_input_image() {
        assertThatThrownBy(() -> edit(List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_a_generation_when_it_carries_a_mask() {
        assertThatThrownBy(() -> new ImageJob(Operation.GENERATE, "p", "m", 1, RequestedSize.AUTO, false,
                ImageJob.ResponseFormat.URL, ImageFormat.PNG, null, List.of(), IMAGE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
