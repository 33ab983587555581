package dev.easel.adapter.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleResponseMapperTest {

    static final String B64 = "iVBORw0KGgo=";

    @Test
    void should_read_b64_json_when_together_answers() {
        String body = """
                {"id":"9a1b","model":"black-forest-labs/FLUX.1-schnell","object":"list",
                 "data":[{"index":0,"b64_json":"%s","timings":{"inference":0.4}}]}""".formatted(B64);

        AdapterResult result = OpenAiCompatibleResponseMapper.result("together", body, null, List.of());

        assertThat(result.images()).singleElement().isInstanceOf(GeneratedImage.Bytes.class);
        assertThat(result.metadata()).containsEntry("upstream_id", "9a1b");
    }

    @Test
    void should_read_url_when_recraft_answers_url() {
        String body = "{\"created\":1,\"data\":[{\"url\":\"https://img.recraft.ai/x.webp\"}]}";

        assertThat(OpenAiCompatibleResponseMapper.result("recraft", body, null, List.of()).images())
                .singleElement().isInstanceOf(GeneratedImage.Url.class);
    }

    @Test
    void should_fail_content_policy_when_xai_withholds_every_image() {
        String body = """
                {"data":[{"url":"https://imgen.x.ai/blocked.jpg","revised_prompt":"","respect_moderation":false}],
                 "usage":{"cost_in_usd_ticks":0}}""";

        assertThatThrownBy(() -> OpenAiCompatibleResponseMapper.result("xai", body, null, List.of()))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY));
    }

    @Test
    void should_keep_allowed_images_with_warning_when_xai_withholds_some() {
        String body = """
                {"data":[{"b64_json":"%s","respect_moderation":true},{"b64_json":"%s","respect_moderation":false}],
                 "usage":{"cost_in_usd_ticks":1400000000}}""".formatted(B64, B64);

        AdapterResult result = OpenAiCompatibleResponseMapper.result("xai", body, "image/jpeg", List.of());

        assertThat(result.images()).hasSize(1);
        assertThat(result.warnings()).extracting(Warning::code).containsExactly("content_filtered");
        assertThat(result.usage()).containsEntry("cost_in_usd_ticks", 1400000000);
    }

    @Test
    void should_fail_no_image_when_data_is_empty() {
        assertThatThrownBy(() -> OpenAiCompatibleResponseMapper.result("xai", "{\"data\":[]}", null, List.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NO_IMAGE));
    }

    @Test
    void should_use_envelope_code_when_upstream_sends_openai_errors() {
        String body = """
                {"error":{"message":"Your request was rejected as a result of our safety system.","type":"invalid_request_error","code":"content_policy_violation"}}""";

        assertThat(OpenAiCompatibleResponseMapper.error("recraft", 400, body, null).kind())
                .isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fall_back_to_status_when_envelope_has_no_code() {
        String body = "{\"error\":{\"message\":\"Invalid API key provided\",\"type\":\"invalid_request_error\"}}";

        ProviderException e = OpenAiCompatibleResponseMapper.error("together", 401, body, null);

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).contains("invalid_request_error").doesNotContain("Invalid API key");
    }

    @Test
    void should_keep_retry_after_when_status_is_429() {
        ProviderException e = OpenAiCompatibleResponseMapper.error("xai", 429, "{\"code\":\"rate_limited\",\"error\":\"slow down\"}",
                Duration.ofSeconds(3));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(e.getMessage()).contains("rate_limited").doesNotContain("slow down");
    }

    @Test
    void should_map_insufficient_quota_to_quota_when_status_is_429() {
        String body = "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}";

        assertThat(OpenAiCompatibleResponseMapper.error("x", 429, body, Duration.ofSeconds(1)).kind())
                .isEqualTo(ErrorKind.QUOTA);
    }

    @Test
    void should_map_by_status_when_body_is_not_json() {
        assertThat(OpenAiCompatibleResponseMapper.error("x", 502, "<html>bad gateway</html>", null).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
    }
}
