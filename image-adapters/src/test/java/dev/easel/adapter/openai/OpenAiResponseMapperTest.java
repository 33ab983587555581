package dev.easel.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiResponseMapperTest {

    static final String PNG_B64 = "iVBORw0KGgo=";

    @Test
    void should_return_bytes_with_format_media_type_and_usage_when_gpt_image_answers() {
        String body = """
                {"created":1713833628,"data":[{"b64_json":"%s"}],"output_format":"webp","size":"1024x1024",
                 "quality":"high","usage":{"input_tokens":50,"output_tokens":4160,"total_tokens":4210,
                 "input_tokens_details":{"text_tokens":50,"image_tokens":0}}}""".formatted(PNG_B64);

        AdapterResult result = OpenAiResponseMapper.result("openai", body, "image/png", List.of());

        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class, b -> {
            assertThat(b.data()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(b.mediaType()).isEqualTo("image/webp");
        });
        assertThat(result.usage()).containsEntry("total_tokens", 4210).containsKey("input_tokens_details");
        assertThat(result.metadata()).containsEntry("size", "1024x1024");
    }

    @Test
    void should_keep_revised_prompt_when_dall_e_3_answers() {
        String body = """
                {"created":1,"data":[{"b64_json":"%s","revised_prompt":"A tall lighthouse"}]}""".formatted(PNG_B64);

        AdapterResult result = OpenAiResponseMapper.result("openai", body, "image/png", List.of());

        assertThat(result.images().get(0).revisedPrompt()).isEqualTo("A tall lighthouse");
        assertThat(result.images().get(0).mediaType()).isEqualTo("image/png");
    }

    @Test
    void should_return_url_when_data_holds_url() {
        String body = """
                {"created":1,"data":[{"url":"https://oaidalleapiprodscus.blob.core.windows.net/x.png"}]}""";

        AdapterResult result = OpenAiResponseMapper.result("openai", body, "image/png", List.of());

        assertThat(result.images()).singleElement().isInstanceOf(GeneratedImage.Url.class);
    }

    @Test
    void should_fail_no_image_when_data_is_empty() {
        assertThatThrownBy(() -> OpenAiResponseMapper.result("openai", "{\"created\":1,\"data\":[]}", "image/png",
                List.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NO_IMAGE));
    }

    @Test
    void should_map_moderation_blocked_to_content_policy_when_status_is_400() {
        String body = """
                {"error":{"message":"Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_123.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"},
                 "moderation_details":{"moderation_stage":"input","categories":["sexual"]}}""";

        ProviderException e = OpenAiResponseMapper.error("openai", 400, body, null);

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(e.getMessage()).contains("moderation_blocked").doesNotContain("safety system");
    }

    @Test
    void should_map_content_policy_violation_to_content_policy_when_dall_e_refuses() {
        String body = """
                {"error":{"code":"content_policy_violation","message":"Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.","param":null,"type":"invalid_request_error"}}""";

        assertThat(OpenAiResponseMapper.error("openai", 400, body, null).kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_map_unknown_parameter_to_invalid_request_when_status_is_400() {
        String body = """
                {"error":{"message":"Unknown parameter: 'response_format'.","type":"invalid_request_error","param":"response_format","code":"unknown_parameter"}}""";

        ProviderException e = OpenAiResponseMapper.error("openai", 400, body, null);

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("unknown_parameter", "response_format");
    }

    @Test
    void should_map_invalid_api_key_to_auth_without_echoing_the_key_when_status_is_401() {
        String body = """
                {"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""
                .formatted(Fixtures.KEY);

        ProviderException e = OpenAiResponseMapper.error("openai", 401, body, null);

        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY).contains("invalid_api_key");
    }

    @Test
    void should_map_rate_limit_exceeded_to_rate_limited_with_retry_after_when_status_is_429() {
        String body = """
                {"error":{"message":"Rate limit reached for gpt-image-1 in organization org-x on images per min (IPM): Limit 5, Used 5, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";

        ProviderException e = OpenAiResponseMapper.error("openai", 429, body, Duration.ofSeconds(12));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void should_map_insufficient_quota_to_quota_not_rate_limit_when_status_is_429() {
        String body = """
                {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""";

        ProviderException e = OpenAiResponseMapper.error("openai", 429, body, Duration.ofSeconds(12));

        assertThat(e.kind()).isEqualTo(ErrorKind.QUOTA);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void should_map_server_error_to_unavailable_when_status_is_5xx() {
        String body = """
                {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""";

        assertThat(OpenAiResponseMapper.error("openai", 500, body, null).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(OpenAiResponseMapper.error("openai", 503, "<html>busy</html>", null).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_not_repeat_free_text_when_code_is_not_an_identifier() {
        String body = "{\"error\":{\"code\":\"a prompt about " + Fixtures.KEY + "\",\"type\":null}}";

        ProviderException e = OpenAiResponseMapper.error("openai", 400, body, null);

        assertThat(e.getMessage()).doesNotContain(Fixtures.KEY).doesNotContain("prompt");
    }
}
