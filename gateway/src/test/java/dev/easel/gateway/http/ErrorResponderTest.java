package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorResponderTest {

    @Test
    void should_map_every_error_kind_to_the_public_status_when_at_the_edge() {
        assertThat(ErrorResponder.status(ErrorKind.RATE_LIMITED)).isEqualTo(429);
        assertThat(ErrorResponder.status(ErrorKind.TIMEOUT)).isEqualTo(504);
        assertThat(ErrorResponder.status(ErrorKind.CONTENT_POLICY)).isEqualTo(400);
        assertThat(ErrorResponder.status(ErrorKind.INVALID_REQUEST)).isEqualTo(400);
        for (ErrorKind k : new ErrorKind[] {ErrorKind.UNAVAILABLE, ErrorKind.NO_IMAGE, ErrorKind.INVALID_IMAGE,
                ErrorKind.AUTH, ErrorKind.QUOTA, ErrorKind.UPSTREAM}) {
            assertThat(ErrorResponder.status(k)).as(k.name()).isEqualTo(502);
        }
    }

    @Test
    void should_answer_a_raw_provider_failure_under_its_code_when_it_was_not_wrapped() {
        ApiException api = ErrorResponder.toApi(new ProviderException(ErrorKind.RATE_LIMITED, "fal", 429, "slow down",
                Duration.ofSeconds(4), null));

        assertThat(api.status()).isEqualTo(429);
        assertThat(api.code()).isEqualTo("rate_limited");
        assertThat(api.retryAfter()).hasSeconds(4);
    }

    @Test
    void should_pass_api_errors_through_and_hide_anything_else_when_mapping() {
        ApiException invalid = ApiErrors.invalid("n", "bad n");

        assertThat(ErrorResponder.toApi(invalid)).isSameAs(invalid);
        ApiException bug = ErrorResponder.toApi(new IllegalStateException("secret detail"));
        assertThat(bug.status()).isEqualTo(500);
        assertThat(bug.getMessage()).doesNotContain("secret detail");
    }

    @Test
    void should_say_whether_a_retry_can_help_when_mapping_an_error() {
        Map<ApiException, Boolean> cases = Map.of(
                ApiErrors.invalid("n", "m"), false,
                ApiErrors.authenticationFailed("m"), false,
                ApiErrors.modelNotFound("m"), false,
                ApiErrors.idempotencyKeyReused("m"), false,
                ApiErrors.payloadTooLarge("m"), false,
                ApiErrors.rateLimited("m", Duration.ofSeconds(1)), true,
                ApiErrors.exhausted("m"), true,
                ApiErrors.storageFailed("m"), false,
                ApiErrors.serverBusy("m", Duration.ofSeconds(1)), true,
                ApiErrors.upstreamTimeout("m"), true);
        cases.forEach((api, retryable) ->
                assertThat(ErrorResponder.retryCanHelp(api)).as(api.status() + " " + api.code()).isEqualTo(retryable));
    }
}
