package dev.easel.adapter.stability;

import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Warning;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StabilityRequestMapperTest {

    @Test
    void should_write_prompt_ratio_format_seed_and_negative_prompt_when_given() {
        var mapped = StabilityRequestMapper.map(request("core").ratio("21:9", null).outputFormat("webp").seed(1234L)
                .negativePrompt("blurry").build(), "stability");

        assertThat(mapped.fields()).containsExactly(Map.entry("prompt", "a lighthouse at dusk"),
                Map.entry("aspect_ratio", "21:9"), Map.entry("output_format", "webp"), Map.entry("seed", "1234"),
                Map.entry("negative_prompt", "blurry"));
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_omit_aspect_ratio_when_size_is_provider_default() {
        var mapped = StabilityRequestMapper.map(request("ultra").build(), "stability");

        assertThat(mapped.fields()).doesNotContainKey("aspect_ratio").containsEntry("output_format", "png");
    }

    @Test
    void should_omit_output_format_when_route_cannot_produce_it() {
        var mapped = StabilityRequestMapper.map(request("sd3").outputFormat("webp").formats(List.of("png", "jpeg"))
                .build(), "stability");

        assertThat(mapped.fields()).doesNotContainKey("output_format");
    }

    @Test
    void should_warn_and_omit_seed_when_out_of_stability_range() {
        var mapped = StabilityRequestMapper.map(request("core").seed(StabilityRequestMapper.MAX_SEED + 1).build(),
                "stability");

        assertThat(mapped.fields()).doesNotContainKey("seed");
        assertThat(mapped.warnings()).extracting(Warning::param).containsExactly("seed");
    }

    @Test
    void should_add_provider_options_as_form_fields_when_given() {
        var mapped = StabilityRequestMapper.map(request("sd3").providerOptions(Map.of("model", "sd3.5-large",
                "style_preset", "cinematic", "cfg_scale", 5, "prompt", "overridden")).build(), "stability");

        assertThat(mapped.fields()).containsEntry("model", "sd3.5-large").containsEntry("style_preset", "cinematic")
                .containsEntry("cfg_scale", "5").doesNotContainEntry("prompt", "overridden");
    }

    @Test
    void should_warn_when_size_is_pixels_or_fields_are_unsupported() {
        var mapped = StabilityRequestMapper.map(request("core").pixels(1024, 1024).quality("hd").build(), "stability");

        assertThat(mapped.fields()).doesNotContainKeys("size", "quality", "width");
        assertThat(mapped.warnings()).extracting(Warning::param).containsExactly("size", "quality");
    }
}
