package dev.easel.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.SizeStyle;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdapterRequestTest {

    private static final Capabilities CAPS =
            new Capabilities(new SizeStyle.AnySize(64, 4096, new Dim(1024, 1024)), 1, List.of("png"),
                    Set.of(OptionalParam.SEED));
    private static final UpstreamSize SIZE = new UpstreamSize.Pixels(new Dim(1024, 1024));
    private static final InputImage IMAGE = new InputImage(new byte[] {1}, "image/png");

    private static AdapterRequest request(Operation op, List<InputImage> inputs, InputImage mask) {
        return new AdapterRequest("r", "m", op, "p", 1, SIZE, null, null, inputs, mask, null, CAPS,
                Instant.EPOCH, Future.succeededFuture());
    }

    @Test
    void should_read_parameters_through_named_accessors_when_they_are_set() {
        AdapterRequest r = AdapterRequest.generate("r", "m", "p", 1, SIZE, "webp",
                new OptionalParams(50, "high", "vivid", "opaque", "low", "u", 9L, "neg"), null, CAPS,
                Instant.EPOCH, Future.succeededFuture());

        assertThat(r.operation()).isEqualTo(Operation.GENERATE);
        assertThat(r.inputs()).isEmpty();
        assertThat(r.mask()).isNull();
        assertThat(List.of(r.outputCompression(), r.quality(), r.style(), r.background(), r.moderation(), r.user(),
                r.seed(), r.negativePrompt())).containsExactly(50, "high", "vivid", "opaque", "low", "u", 9L, "neg");
    }

    @Test
    void should_default_absent_optionals_when_they_are_null() {
        AdapterRequest r = request(Operation.GENERATE, null, null);

        assertThat(r.outputFormat()).isEqualTo("png");
        assertThat(r.params()).isEqualTo(OptionalParams.NONE);
        assertThat(r.providerOptions()).isEmpty();
        assertThat(r.seed()).isNull();
    }

    @Test
    void should_carry_inputs_and_mask_when_the_operation_is_an_edit() {
        InputImage mask = new InputImage(new byte[] {2}, "image/png");

        AdapterRequest r = request(Operation.EDIT, List.of(IMAGE, IMAGE), mask);

        assertThat(r.inputs()).hasSize(2);
        assertThat(r.mask()).isSameAs(mask);
    }

    @Test
    void should_refuse_an_edit_when_it_has_no_input_image() {
        assertThatThrownBy(() -> request(Operation.EDIT, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input image");
    }

    @Test
    void should_refuse_a_generation_when_it_carries_inputs_or_a_mask() {
        assertThatThrownBy(() -> request(Operation.GENERATE, List.of(IMAGE), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request(Operation.GENERATE, List.of(), IMAGE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
