package dev.easel.adapter.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StabilityResponseMapperTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static ProviderException error(int status, String body) {
        return StabilityResponseMapper.error("stability", status, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    @Test
    void should_return_bytes_with_content_type_and_seed_when_finish_reason_is_success() {
        AdapterResult result = StabilityResponseMapper.result("stability", new StabilityResponseMapper.Answer(
                "image/png", "SUCCESS", "3395482939", "req-42", PNG), List.of());

        assertThat(result.images()).singleElement().isInstanceOfSatisfying(GeneratedImage.Bytes.class, b -> {
            assertThat(b.data()).isEqualTo(PNG);
            assertThat(b.mediaType()).isEqualTo("image/png");
        });
        assertThat(result.metadata()).containsEntry("seed", 3395482939L).containsEntry("upstream_id", "req-42");
    }

    @Test
    void should_fail_content_policy_and_drop_blurred_image_when_content_filtered() {
        assertThatThrownBy(() -> StabilityResponseMapper.result("stability", new StabilityResponseMapper.Answer(
                "image/png", "CONTENT_FILTERED", "1", null, PNG), List.of()))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY));
    }

    @Test
    void should_read_json_shape_when_upstream_answers_json() {
        String json = "{\"image\":\"iVBORw0KGgo=\",\"finish_reason\":\"SUCCESS\",\"seed\":7}";

        AdapterResult result = StabilityResponseMapper.result("stability", new StabilityResponseMapper.Answer(
                "application/json; type=image/png", null, null, null, json.getBytes(StandardCharsets.UTF_8)), List.of());

        assertThat(result.images().get(0).mediaType()).isEqualTo("image/png");
        assertThat(result.metadata()).containsEntry("seed", 7L);
    }

    @Test
    void should_fail_no_image_when_body_is_empty() {
        assertThatThrownBy(() -> StabilityResponseMapper.result("stability", new StabilityResponseMapper.Answer(
                "image/png", "SUCCESS", null, null, new byte[0]), List.of()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NO_IMAGE));
    }

    @Test
    void should_map_content_moderation_to_content_policy_when_status_is_403() {
        ProviderException e = error(403, """
                {"id":"ed14db44947bb8b7b4b7e2b2f3a1c9d0","name":"content_moderation","errors":["Your request was flagged by our content moderation system, as a result your request was denied and you were not charged."]}""");

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(e.getMessage()).contains("content_moderation", "ed14db44947bb8b7b4b7e2b2f3a1c9d0")
                .doesNotContain("flagged");
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void should_map_by_status_when_error_is_not_moderation() {
        assertThat(error(400, "{\"id\":\"a\",\"name\":\"bad_request\",\"errors\":[\"aspect_ratio: must be one of 16:9, 1:1\"]}").kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error(413, "{\"id\":\"a\",\"name\":\"payload_too_large\",\"errors\":[\"body: payloads cannot be larger than 10MiB in size\"]}").kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error(422, "{\"id\":\"a\",\"name\":\"invalid_language\",\"errors\":[\"English is the only supported language for this service.\"]}").kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error(401, "{\"id\":\"a\",\"name\":\"unauthorized\",\"errors\":[\"authorization: invalid or missing header value\"]}").kind())
                .isEqualTo(ErrorKind.AUTH);
        assertThat(error(402, "{\"id\":\"a\",\"name\":\"payment_required\",\"errors\":[\"You lack sufficient credits to make this request.\"]}").kind())
                .isEqualTo(ErrorKind.QUOTA);
        assertThat(error(500, "{\"id\":\"a\",\"name\":\"internal_error\",\"errors\":[\"An unexpected server error has occurred, please try again later.\"]}").kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_keep_retry_after_when_status_is_429() {
        ProviderException e = error(429, """
                {"id":"a","name":"rate_limit_exceeded","errors":["You have exceeded the rate limit of 150 requests within a 10 second period."]}""");

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }
}
