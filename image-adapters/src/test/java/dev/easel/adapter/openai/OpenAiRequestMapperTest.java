package dev.easel.adapter.openai;

import static dev.easel.adapter.openai.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.Warning;
import dev.easel.adapter.http.MappedRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiRequestMapperTest {

    private static MappedRequest map(Fixtures.Request r) {
        return OpenAiRequestMapper.map(r.build(), "openai");
    }

    @Test
    void should_omit_response_format_and_send_output_format_when_model_is_gpt_image() {
        var mapped = map(request("gpt-image-1").pixels(1536, 1024).outputFormat("webp").outputCompression(80));

        assertThat(mapped.body()).isEqualTo(new JsonObject()
                .put("model", "gpt-image-1").put("prompt", "a lighthouse at dusk").put("n", 1)
                .put("size", "1536x1024").put("output_format", "webp").put("output_compression", 80));
        assertThat(mapped.body().containsKey("response_format")).isFalse();
        assertThat(mapped.mediaType()).isEqualTo("image/webp");
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_ask_for_b64_json_and_no_output_format_when_model_is_dall_e_3() {
        var mapped = map(request("dall-e-3").pixels(1792, 1024).style("natural").quality("hd").user("u-1"));

        assertThat(mapped.body()).isEqualTo(new JsonObject()
                .put("model", "dall-e-3").put("prompt", "a lighthouse at dusk").put("n", 1)
                .put("size", "1792x1024").put("response_format", "b64_json")
                .put("quality", "hd").put("style", "natural").put("user", "u-1"));
        assertThat(mapped.mediaType()).isEqualTo("image/png");
    }

    @Test
    void should_omit_size_when_size_is_provider_default() {
        var mapped = map(request("gpt-image-1.5"));

        assertThat(mapped.body().containsKey("size")).isFalse();
    }

    @Test
    void should_translate_hd_to_high_with_warning_when_model_is_gpt_image() {
        var mapped = map(request("gpt-image-1").quality("hd"));

        assertThat(mapped.body().getString("quality")).isEqualTo("high");
        assertThat(mapped.warnings()).extracting(Warning::code, Warning::param)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("parameter_adjusted", "quality"));
    }

    @Test
    void should_translate_standard_to_medium_with_warning_when_model_is_gpt_image() {
        var mapped = map(request("gpt-image-2").quality("standard"));

        assertThat(mapped.body().getString("quality")).isEqualTo("medium");
        assertThat(mapped.warnings()).hasSize(1);
    }

    @Test
    void should_translate_high_to_hd_and_medium_to_standard_when_model_is_dall_e_3() {
        assertThat(map(request("dall-e-3").quality("high")).body().getString("quality")).isEqualTo("hd");
        assertThat(map(request("dall-e-3").quality("medium")).body().getString("quality")).isEqualTo("standard");
        assertThat(map(request("dall-e-3").quality("medium")).warnings()).hasSize(1);
    }

    @Test
    void should_pass_gpt_quality_unchanged_without_warning_when_value_is_native() {
        var mapped = map(request("gpt-image-1").quality("low"));

        assertThat(mapped.body().getString("quality")).isEqualTo("low");
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void should_send_background_and_moderation_when_model_is_gpt_image() {
        var mapped = map(request("gpt-image-1").background("transparent").moderation("low").user("u"));

        assertThat(mapped.body().getString("background")).isEqualTo("transparent");
        assertThat(mapped.body().getString("moderation")).isEqualTo("low");
        assertThat(mapped.body().getString("user")).isEqualTo("u");
    }

    @Test
    void should_drop_transparent_background_with_warning_when_output_is_jpeg() {
        var mapped = map(request("gpt-image-1").background("transparent").outputFormat("jpeg"));

        assertThat(mapped.body().containsKey("background")).isFalse();
        assertThat(mapped.warnings()).extracting(Warning::param).containsExactly("background");
    }

    @Test
    void should_warn_instead_of_sending_when_style_goes_to_gpt_image() {
        var mapped = map(request("gpt-image-1").style("vivid").seed(7L).negativePrompt("fog"));

        assertThat(mapped.body().containsKey("style")).isFalse();
        assertThat(mapped.body().containsKey("seed")).isFalse();
        assertThat(mapped.warnings()).extracting(Warning::param).containsExactly("style", "seed", "negative_prompt");
    }

    @Test
    void should_not_ask_for_output_format_when_route_cannot_produce_it() {
        var mapped = map(request("gpt-image-1").outputFormat("webp").formats(List.of("png")));

        assertThat(mapped.body().containsKey("output_format")).isFalse();
        assertThat(mapped.mediaType()).isEqualTo("image/png");
    }

    @Test
    void should_add_provider_options_but_keep_the_validated_quality_when_given() {
        var mapped = map(request("gpt-image-1").quality("low").providerOptions(Map.of("quality", "high", "extra", 1)));

        assertThat(mapped.body().getString("quality")).isEqualTo("low");
        assertThat(mapped.body().getInteger("extra")).isEqualTo(1);
    }

    @Test
    void should_warn_when_size_is_a_ratio() {
        var mapped = map(request("gpt-image-1").ratio("16:9", null));

        assertThat(mapped.body().containsKey("size")).isFalse();
        assertThat(mapped.warnings()).extracting(Warning::code).containsExactly("size_adjusted");
    }
}
