package dev.easel.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void should_answer_each_row_of_the_public_error_table_when_built() {
        List<ApiException> all = List.of(
                ApiErrors.invalid("size", "m"),
                ApiErrors.contentPolicy("m"),
                ApiErrors.providerNotConfigured("m"),
                ApiErrors.authenticationFailed("m"),
                ApiErrors.modelNotFound("m"),
                ApiErrors.notFound("m"),
                ApiErrors.methodNotAllowed("m"),
                ApiErrors.idempotencyKeyReused("m"),
                ApiErrors.payloadTooLarge("m"),
                ApiErrors.rateLimited("m", Duration.ofSeconds(3)),
                ApiErrors.clientClosed("m"),
                ApiErrors.exhausted("m"),
                ApiErrors.storageFailed("m"),
                ApiErrors.serverBusy("m", Duration.ofSeconds(1)),
                ApiErrors.upstreamTimeout("m"));

        assertThat(all).extracting(ApiException::status, ApiException::type, ApiException::code, ApiException::param)
                .containsExactly(
                        tuple(400, "invalid_request_error", "invalid_request", "size"),
                        tuple(400, "invalid_request_error", "content_policy_violation", "prompt"),
                        tuple(400, "invalid_request_error", "provider_not_configured", "model"),
                        tuple(401, "invalid_request_error", "authentication_failed", null),
                        tuple(404, "invalid_request_error", "model_not_found", "model"),
                        tuple(404, "invalid_request_error", "not_found", null),
                        tuple(405, "invalid_request_error", "method_not_allowed", null),
                        tuple(409, "invalid_request_error", "idempotency_key_reused", null),
                        tuple(413, "invalid_request_error", "payload_too_large", null),
                        tuple(429, "rate_limit_error", "rate_limited", null),
                        tuple(499, "invalid_request_error", "client_closed_request", null),
                        tuple(502, "api_error", "all_providers_exhausted", null),
                        tuple(502, "api_error", "storage_failed", null),
                        tuple(503, "api_error", "server_busy", null),
                        tuple(504, "api_error", "upstream_timeout", null));
        assertThat(all).extracting(ApiException::getMessage).containsOnly("m");
    }

    @Test
    void should_carry_retry_after_when_rate_limited_or_busy() {
        assertThat(ApiErrors.rateLimited("m", Duration.ofSeconds(3)).retryAfter()).hasSeconds(3);
        assertThat(ApiErrors.serverBusy("m", Duration.ofSeconds(1)).retryAfter()).hasSeconds(1);
        assertThat(ApiErrors.exhausted("m").retryAfter()).isNull();
    }

    @Test
    void should_hide_details_and_keep_the_failing_status_when_internal() {
        assertThat(ApiErrors.internal(0).status()).isEqualTo(500);
        assertThat(ApiErrors.internal(503).status()).isEqualTo(503);
        assertThat(ApiErrors.internal(500).code()).isEqualTo("internal_error");
        assertThat(ApiErrors.internal(500).getMessage()).contains("x-request-id");
    }

    @Test
    void should_type_a_provider_failure_by_its_status_when_it_reaches_the_edge() {
        assertThat(ApiErrors.providerFailure(429, "rate_limited", "m", null).type()).isEqualTo("rate_limit_error");
        assertThat(ApiErrors.providerFailure(400, "invalid_request", "m", null).type()).isEqualTo("invalid_request_error");
        assertThat(ApiErrors.providerFailure(502, "no_image", "m", null))
                .extracting(ApiException::type, ApiException::code).containsExactly("api_error", "no_image");
    }

    @Test
    void should_keep_everything_but_metadata_when_metadata_is_replaced() {
        ApiException e = ApiErrors.rateLimited("m", Duration.ofSeconds(2)).withMetadata(Map.of("attempts", List.of()));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).hasSeconds(2);
        assertThat(e.metadata()).containsKey("attempts");
    }
}
