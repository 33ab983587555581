package dev.easel.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.size.AspectRatio;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.Resolution;
import dev.easel.gateway.job.ImageJob;
import dev.easel.media.ImageFormat;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenerationRequestParserTest {

    private final GenerationRequestParser parser = new GenerationRequestParser("test-pattern");

    private static JsonObject body(String json) {
        return StrictJson.object(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("{\"model\":\"test-pattern\"}", "prompt"),
                Arguments.of("{\"prompt\":\"\"}", "prompt"),
                Arguments.of("{\"prompt\":42}", "prompt"),
                Arguments.of("{\"prompt\":\"x\",\"model\":7}", "model"),
                Arguments.of("{\"prompt\":\"x\",\"n\":0}", "n"),
                Arguments.of("{\"prompt\":\"x\",\"n\":11}", "n"),
                Arguments.of("{\"prompt\":\"x\",\"n\":1.5}", "n"),
                Arguments.of("{\"prompt\":\"x\",\"n\":\"2\"}", "n"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"abc\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"0x0\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"99999x99999\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"16:0\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"-5x10\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"4096x100\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":1024}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"aspect_ratio\":\"16:0\"}", "aspect_ratio"),
                Arguments.of("{\"prompt\":\"x\",\"aspect_ratio\":\"wide\"}", "aspect_ratio"),
                Arguments.of("{\"prompt\":\"x\",\"aspect_ratio\":\"100:1\"}", "aspect_ratio"),
                Arguments.of("{\"prompt\":\"x\",\"resolution\":\"8K\"}", "resolution"),
                Arguments.of("{\"prompt\":\"x\",\"size_mode\":\"stretch\"}", "size_mode"),
                Arguments.of("{\"prompt\":\"x\",\"size_mode\":\"exact\"}", "size_mode"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"16:9\",\"size_mode\":\"exact\"}", "size_mode"),
                Arguments.of("{\"prompt\":\"x\",\"response_format\":\"base64\"}", "response_format"),
                Arguments.of("{\"prompt\":\"x\",\"output_format\":\"gif\"}", "output_format"),
                Arguments.of("{\"prompt\":\"x\",\"output_compression\":101}", "output_compression"),
                Arguments.of("{\"prompt\":\"x\",\"output_compression\":-1}", "output_compression"),
                Arguments.of("{\"prompt\":\"x\",\"output_compression\":\"high\"}", "output_compression"),
                Arguments.of("{\"prompt\":\"x\",\"quality\":\"ultra\"}", "quality"),
                Arguments.of("{\"prompt\":\"x\",\"style\":\"anime\"}", "style"),
                Arguments.of("{\"prompt\":\"x\",\"background\":\"green\"}", "background"),
                Arguments.of("{\"prompt\":\"x\",\"background\":\"transparent\",\"output_format\":\"jpeg\"}", "background"),
                Arguments.of("{\"prompt\":\"x\",\"moderation\":\"none\"}", "moderation"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":-1}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":\"42\"}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":1.25}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"negative_prompt\":[\"a\"]}", "negative_prompt"),
                Arguments.of("{\"prompt\":\"x\",\"user\":false}", "user"),
                Arguments.of("{\"prompt\":\"x\",\"stream\":\"yes\"}", "stream"),
                Arguments.of("{\"prompt\":\"x\",\"stream\":true,\"partial_images\":4}", "partial_images"),
                Arguments.of("{\"prompt\":\"x\",\"stream\":true,\"partial_images\":1.5}", "partial_images"),
                Arguments.of("{\"prompt\":\"x\",\"provider_options\":[]}", "provider_options"),
                Arguments.of("{\"prompt\":\"x\",\"provider_options\":{\"fal\":1}}", "provider_options.fal"),
                // Issue 10, findings 2, 10, 11 and 15: numbers that overflowed or wrapped, strings that slipped through.
                Arguments.of("{\"prompt\":\"x\",\"n\":1e400}", "n"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":1e400}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":-1e400}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":1.8446744073709552E19}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":18446744073709551616}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"seed\":4294967296}", "seed"),
                Arguments.of("{\"prompt\":\"x\",\"output_compression\":1e2000}", "output_compression"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"64x64\\u0000\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"size\":\"\\u000b64x64\"}", "size"),
                Arguments.of("{\"prompt\":\"x\",\"aspect_ratio\":\"16:9\\u0085\"}", "aspect_ratio"),
                Arguments.of("{\"prompt\":\"x\",\"stream\":\"true\"}", "stream"),
                Arguments.of("{\"prompt\":\"x\",\"stream\":1}", "stream"),
                Arguments.of("{\"prompt\":\"\\u0000\\u0000\"}", "prompt"),
                Arguments.of("{\"prompt\":\"\\u200b\\u200c\\u200d\\u2060\\ufeff\"}", "prompt"),
                Arguments.of("{\"prompt\":\" \\n\\t\\u3000\"}", "prompt"),
                Arguments.of("{\"prompt\":\"a\\ud800b\"}", "prompt"),
                Arguments.of("{\"prompt\":\"x\",\"negative_prompt\":\"\\u0007\"}", "negative_prompt"),
                Arguments.of("{\"prompt\":\"x\",\"model\":\"" + "m".repeat(300) + "\"}", "model"),
                Arguments.of("{\"prompt\":\"x\",\"model\":\"test-pattern\\u0000\"}", "model"),
                Arguments.of("{\"prompt\":\"x\",\"user\":\"" + "u".repeat(257) + "\"}", "user"),
                Arguments.of("{\"prompt\":\"x\",\"quality\":\"" + "h".repeat(100_000) + "\"}", "quality"),
                Arguments.of("{\"prompt\":\"" + "p".repeat(32_001) + "\"}", "prompt"));
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @MethodSource("badFields")
    void should_name_the_field_when_it_is_invalid(String json, String param) {
        assertThatThrownBy(() -> parser.parse(body(json)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_request");
                    assertThat(e.type()).isEqualTo("invalid_request_error");
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).contains(param.contains(".") ? param : "'" + param + "'");
                });
    }

    @Test
    void should_apply_defaults_when_only_prompt_is_given() {
        ImageJob r = parser.parse(body("{\"prompt\":\"a red fox\"}"));
        assertThat(r.model()).isEqualTo("test-pattern");
        assertThat(r.n()).isEqualTo(1);
        assertThat(r.size().isAuto()).isTrue();
        assertThat(r.responseFormat()).isEqualTo(ImageJob.ResponseFormat.BOTH);
        assertThat(r.outputFormat()).isEqualTo(ImageFormat.PNG);
        assertThat(r.exactSize()).isFalse();
        assertThat(r.params().seed()).isNull();
    }

    @Test
    void should_carry_exactly_the_named_format_when_response_format_is_given() {
        assertThat(parser.parse(body("{\"prompt\":\"x\",\"response_format\":\"url\"}")).responseFormat())
                .isEqualTo(ImageJob.ResponseFormat.URL);
        assertThat(parser.parse(body("{\"prompt\":\"x\",\"response_format\":\"b64_json\"}")).responseFormat())
                .isEqualTo(ImageJob.ResponseFormat.B64_JSON);
        assertThat(parser.parse(body("{\"prompt\":\"x\",\"response_format\":null}")).responseFormat())
                .isEqualTo(ImageJob.ResponseFormat.BOTH);
    }

    @Test
    void should_let_pixel_size_win_when_size_aspect_ratio_and_resolution_are_all_given() {
        ImageJob r = parser.parse(body(
                "{\"prompt\":\"x\",\"size\":\"1920x1080\",\"aspect_ratio\":\"1:1\",\"resolution\":\"4K\"}"));
        assertThat(r.size().pixels()).isEqualTo(new Dim(1920, 1080));
        assertThat(r.size().ratio()).isNull();
        assertThat(r.size().resolution()).isNull();
    }

    @Test
    void should_read_ratio_from_size_when_size_is_w_colon_h() {
        ImageJob r = parser.parse(body("{\"prompt\":\"x\",\"size\":\"16:9\",\"resolution\":\"2K\"}"));
        assertThat(r.size().ratio()).isEqualTo(new AspectRatio(16, 9));
        assertThat(r.size().resolution()).isEqualTo(Resolution.TWO_K);
    }

    @Test
    void should_accept_every_field_when_all_are_valid() {
        ImageJob r = parser.parse(body("""
                {"prompt":"x","model":"fal/flux-schnell","n":4,"size":"640x480","size_mode":"exact",
                 "response_format":"b64_json","output_format":"jpg","output_compression":80,"quality":"high",
                 "style":"natural","background":"opaque","moderation":"low","user":"u1","seed":4294967295,
                 "negative_prompt":"blurry","provider_options":{"fal":{"num_inference_steps":2}},"extra":"ignored"}
                """));
        assertThat(r.n()).isEqualTo(4);
        assertThat(r.exactSize()).isTrue();
        assertThat(r.outputFormat()).isEqualTo(ImageFormat.JPEG);
        assertThat(r.params().outputCompression()).isEqualTo(80);
        assertThat(r.params().seed()).isEqualTo(4294967295L);
        assertThat(r.providerOptions().get("fal")).containsEntry("num_inference_steps", 2);
    }

    @Test
    void should_accept_whole_number_written_as_decimal_when_n_is_2_point_0() {
        assertThat(parser.parse(body("{\"prompt\":\"x\",\"n\":2.0}")).n()).isEqualTo(2);
    }

    @Test
    void should_count_code_points_when_a_prompt_is_made_of_emoji() {
        // 32,000 emoji are 64,000 UTF-16 units: at the limit in characters, not over it.
        String emoji = "\uD83C\uDFA8".repeat(32_000);
        assertThat(parser.parse(new JsonObject().put("prompt", emoji)).prompt()).isEqualTo(emoji);
        assertThatThrownBy(() -> parser.parse(new JsonObject().put("prompt", emoji + "\uD83C\uDFA8")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.param()).isEqualTo("prompt"));
    }

    @Test
    void should_keep_line_breaks_and_tabs_when_they_are_in_a_prompt() {
        assertThat(parser.parse(body("{\"prompt\":\"a cat\\n\\tin a hat\\r\\n\"}")).prompt()).isEqualTo("a cat\n\tin a hat\r\n");
    }

    @Test
    void should_accept_stream_false_when_it_is_a_boolean() {
        assertThat(parser.parse(body("{\"prompt\":\"x\",\"stream\":false}")).prompt()).isEqualTo("x");
    }
}
