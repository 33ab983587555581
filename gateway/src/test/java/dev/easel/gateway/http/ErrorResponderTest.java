package dev.easel.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.api.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorResponderTest {

    @ParameterizedTest(name = "{0} {1} -> retry can help: {2}")
    @CsvSource({
            "400, invalid_request, false",
            "401, authentication_failed, false",
            "404, model_not_found, false",
            "409, idempotency_key_reused, false",
            "413, payload_too_large, false",
            "429, rate_limited, true",
            "502, all_providers_exhausted, true",
            "502, storage_failed, false",
            "503, server_busy, true",
            "504, upstream_timeout, true"})
    void should_say_whether_a_retry_can_help_when_mapping_an_error(int status, String code, boolean retryable) {
        ApiException api = new ApiException(status, "api_error", code, null, "m", null, null);
        assertThat(ErrorResponder.retryCanHelp(api)).isEqualTo(retryable);
    }
}
