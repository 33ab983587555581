package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void should_list_every_present_identifier_when_building_the_message() {
        assertThat(Refusals.message("openai", 400, "code", "unknown_parameter", "type", "invalid_request_error",
                "param", "response_format"))
                .isEqualTo("openai refused the request (HTTP 400, code unknown_parameter, type invalid_request_error,"
                        + " param response_format)");
    }

    @Test
    void should_leave_out_missing_identifiers_when_they_are_null() {
        assertThat(Refusals.message("stability", 500, "name", null, "id", "ed14")).isEqualTo(
                "stability refused the request (HTTP 500, id ed14)");
        assertThat(Refusals.message("gemini", 503, "status", null, "reason", null)).isEqualTo(
                "gemini refused the request (HTTP 503)");
    }

    @Test
    void should_refuse_when_labels_and_values_are_not_paired() {
        assertThatThrownBy(() -> Refusals.message("p", 400, "code")).isInstanceOf(IllegalArgumentException.class);
    }
}
