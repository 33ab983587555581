package dev.easel.adapter.compat;

import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Warning;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleRequestMapperTest {

    @Test
    void should_write_openai_shape_when_options_are_default() {
        var mapped = OpenAiCompatibleRequestMapper.map(request("recraftv3").pixels(1024, 1024).n(2).style("digital_illustration")
                .build(), OpenAiCompatibleOptions.DEFAULTS);

        assertThat(mapped.body()).isEqualTo(new JsonObject().put("model", "recraftv3")
                .put("prompt", "a lighthouse at dusk").put("n", 2).put("response_format", "b64_json")
                .put("size", "1024x1024").put("style", "digital_illustration"));
        assertThat(mapped.mediaType()).isNull();
    }

    @Test
    void should_write_width_height_and_base64_when_upstream_is_together() {
        var options = OpenAiCompatibleOptions.from(Map.of("response_format_value", "base64", "size_fields", "width_height"));

        var mapped = OpenAiCompatibleRequestMapper.map(request("black-forest-labs/FLUX.1-schnell").pixels(1024, 768)
                .seed(42L).negativePrompt("blur").build(), options);

        assertThat(mapped.body()).isEqualTo(new JsonObject().put("model", "black-forest-labs/FLUX.1-schnell")
                .put("prompt", "a lighthouse at dusk").put("n", 1).put("response_format", "base64")
                .put("width", 1024).put("height", 768).put("seed", 42L).put("negative_prompt", "blur"));
    }

    @Test
    void should_write_aspect_ratio_and_resolution_when_upstream_is_xai() {
        var options = OpenAiCompatibleOptions.from(Map.of("aspect_ratio_field", true, "output_format_field", true));

        var mapped = OpenAiCompatibleRequestMapper.map(request("grok-imagine-image").ratio("16:9", "2k").outputFormat("jpeg")
                .build(), options);

        assertThat(mapped.body()).isEqualTo(new JsonObject().put("model", "grok-imagine-image")
                .put("prompt", "a lighthouse at dusk").put("n", 1).put("response_format", "b64_json")
                .put("aspect_ratio", "16:9").put("resolution", "2k").put("output_format", "jpeg"));
        assertThat(mapped.mediaType()).isEqualTo("image/jpeg");
    }

    @Test
    void should_warn_and_omit_ratio_when_upstream_takes_pixels_only() {
        var mapped = OpenAiCompatibleRequestMapper.map(request("recraftv3").ratio("16:9", null).build(),
                OpenAiCompatibleOptions.DEFAULTS);

        assertThat(mapped.body().containsKey("aspect_ratio")).isFalse();
        assertThat(mapped.body().containsKey("size")).isFalse();
        assertThat(mapped.warnings()).extracting(Warning::code).containsExactly("size_adjusted");
    }

    @Test
    void should_add_provider_options_but_keep_n_when_given() {
        var mapped = OpenAiCompatibleRequestMapper.map(request("m").providerOptions(Map.of("steps", 4, "n", 3)).build(),
                OpenAiCompatibleOptions.DEFAULTS);

        assertThat(mapped.body().getInteger("steps")).isEqualTo(4);
        assertThat(mapped.body().getInteger("n")).isEqualTo(1);
        assertThat(mapped.warnings()).extracting(Warning::param).contains("provider_options.n");
    }
}
