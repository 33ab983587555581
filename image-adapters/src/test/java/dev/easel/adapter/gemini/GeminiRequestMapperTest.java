package dev.easel.adapter.gemini;

import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Warning;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiRequestMapperTest {

    @Test
    void should_write_aspect_ratio_tier_and_seed_when_size_is_ratio_with_tier() {
        var mapped = GeminiRequestMapper.map(request("gemini-3-pro-image-preview").ratio("16:9", "2K").seed(42L).build(),
                "gemini");

        assertThat(mapped.body()).isEqualTo(new JsonObject("""
                {"contents":[{"role":"user","parts":[{"text":"a lighthouse at dusk"}]}],
                 "generationConfig":{"responseModalities":["IMAGE"],
                   "imageConfig":{"aspectRatio":"16:9","imageSize":"2K"},"seed":42}}"""));
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_omit_image_size_when_ratio_has_no_tier() {
        var mapped = GeminiRequestMapper.map(request("gemini-2.5-flash-image").ratio("3:4", null).build(), "gemini");

        assertThat(mapped.body().getJsonObject("generationConfig").getJsonObject("imageConfig"))
                .isEqualTo(new JsonObject().put("aspectRatio", "3:4"));
    }

    @Test
    void should_omit_image_config_when_size_is_provider_default() {
        var mapped = GeminiRequestMapper.map(request("gemini-2.5-flash-image").build(), "gemini");

        assertThat(mapped.body().getJsonObject("generationConfig").containsKey("imageConfig")).isFalse();
        assertThat(mapped.body().getJsonObject("generationConfig").containsKey("seed")).isFalse();
    }

    @Test
    void should_warn_when_given_fields_gemini_lacks() {
        var mapped = GeminiRequestMapper.map(request("gemini-2.5-flash-image").pixels(1024, 1024).negativePrompt("fog")
                .n(2).build(), "gemini");

        assertThat(mapped.warnings()).extracting(Warning::param).containsExactly("size", "n", "negative_prompt");
    }

    @Test
    void should_add_provider_options_inside_generation_config_without_replacing_easels_fields() {
        var mapped = GeminiRequestMapper.map(request("gemini-2.5-flash-image").ratio("1:1", null)
                .providerOptions(Map.of("generationConfig", Map.of("temperature", 0.4,
                        "responseModalities", java.util.List.of("TEXT", "IMAGE")))).build(), "gemini");

        JsonObject config = mapped.body().getJsonObject("generationConfig");
        assertThat(config.getDouble("temperature")).isEqualTo(0.4);
        assertThat(config.getJsonArray("responseModalities")).containsExactly("IMAGE");
        assertThat(config.getJsonObject("imageConfig").getString("aspectRatio")).isEqualTo("1:1");
        assertThat(mapped.warnings()).extracting(Warning::param)
                .containsExactly("provider_options.generationConfig.responseModalities");
    }
}
