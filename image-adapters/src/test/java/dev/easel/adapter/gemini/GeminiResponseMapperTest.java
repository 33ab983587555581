package dev.easel.adapter.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiResponseMapperTest {

    private static ErrorKind kindOf(String body) {
        try {
            GeminiResponseMapper.result("gemini", body, List.of());
        } catch (ProviderException e) {
            return e.kind();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void should_return_inline_image_bytes_with_part_mime_type_when_answer_has_image() {
        AdapterResult result = GeminiResponseMapper.result("gemini", GeminiBodies.IMAGE, List.of());

        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class, b -> {
            assertThat(b.mediaType()).isEqualTo("image/png");
            assertThat(b.data()).startsWith(0x89, 'P', 'N', 'G');
        });
        assertThat(result.usage()).containsEntry("input_tokens", 7).containsEntry("output_tokens", 1290)
                .containsEntry("total_tokens", 1297);
        assertThat(result.metadata()).containsEntry("upstream_id", "abc123");
    }

    @Test
    void should_skip_thought_images_when_gemini_3_shows_drafts() {
        String body = """
                {"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"AAAA"},"thought":true},
                  {"inlineData":{"mimeType":"image/jpeg","data":"/9j/"}}]},"finishReason":"STOP"}]}""";

        assertThat(GeminiResponseMapper.result("gemini", body, List.of()).images()).singleElement()
                .extracting(GeneratedImage::mediaType).isEqualTo("image/jpeg");
    }

    @Test
    void should_fail_content_policy_when_prompt_feedback_has_block_reason() {
        assertThat(kindOf(GeminiBodies.PROMPT_BLOCKED)).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_content_policy_when_finish_reason_blocks() {
        for (String reason : GeminiResponseMapper.BLOCKING_FINISH_REASONS) {
            String body = "{\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"" + reason + "\"}]}";
            assertThat(kindOf(body)).as(reason).isEqualTo(ErrorKind.CONTENT_POLICY);
        }
    }

    @Test
    void should_fail_no_image_when_answer_is_text_only_or_no_image() {
        assertThat(kindOf(GeminiBodies.TEXT_ONLY)).isEqualTo(ErrorKind.NO_IMAGE);
        assertThat(kindOf(GeminiBodies.NO_IMAGE)).isEqualTo(ErrorKind.NO_IMAGE);
        assertThat(kindOf("{\"candidates\":[{\"finishReason\":\"IMAGE_OTHER\"}]}")).isEqualTo(ErrorKind.NO_IMAGE);
        assertThat(kindOf("{\"candidates\":[{\"finishReason\":\"OTHER\"}]}")).isEqualTo(ErrorKind.NO_IMAGE);
        assertThat(ErrorKind.NO_IMAGE.failover()).isTrue();
    }

    @Test
    void should_map_resource_exhausted_to_rate_limited_with_retry_delay() {
        ProviderException e = GeminiResponseMapper.error("gemini", 429, GeminiBodies.RESOURCE_EXHAUSTED, null);

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(35));
        assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED").doesNotContain("quota");
    }

    @Test
    void should_map_api_key_invalid_to_auth_when_status_is_400() {
        ProviderException e = GeminiResponseMapper.error("gemini", 400, GeminiBodies.KEY_INVALID, null);

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).contains("API_KEY_INVALID");
    }

    @Test
    void should_map_api_key_message_to_auth_when_details_are_missing() {
        String body = "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}";

        assertThat(GeminiResponseMapper.error("gemini", 400, body, null).kind()).isEqualTo(ErrorKind.AUTH);
    }

    @Test
    void should_map_other_invalid_argument_to_invalid_request() {
        assertThat(GeminiResponseMapper.error("gemini", 400, GeminiBodies.BAD_FIELD, null).kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_map_permission_denied_to_auth_and_5xx_to_unavailable() {
        assertThat(GeminiResponseMapper.error("gemini", 403, GeminiBodies.PERMISSION_DENIED, null).kind())
                .isEqualTo(ErrorKind.AUTH);
        assertThat(GeminiResponseMapper.error("gemini", 500, GeminiBodies.INTERNAL, null).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(GeminiResponseMapper.error("gemini", 503, GeminiBodies.OVERLOADED, null).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_parse_fractional_and_whole_proto_durations() {
        assertThat(GeminiResponseMapper.protoDuration("35s")).isEqualTo(Duration.ofSeconds(35));
        assertThat(GeminiResponseMapper.protoDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GeminiResponseMapper.protoDuration("0.0001s")).isEqualTo(Duration.ofMillis(1));
        assertThat(GeminiResponseMapper.protoDuration("soon")).isNull();
        assertThat(GeminiResponseMapper.protoDuration(35)).isNull();
    }

    @Test
    void should_fail_upstream_when_body_is_not_json() {
        assertThatThrownBy(() -> GeminiResponseMapper.result("gemini", "<html>", List.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM));
    }
}
