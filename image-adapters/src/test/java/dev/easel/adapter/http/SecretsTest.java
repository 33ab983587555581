package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void should_mask_a_registered_value_raw_url_encoded_and_json_escaped() {
        Secrets.register(List.of("sk-test-secrets:ab/cd\"ef"));

        assertThat(Secrets.scrub("code Bearer_sk-test-secrets:ab/cd\"ef here")).isEqualTo("code Bearer_[redacted] here");
        assertThat(Secrets.scrub("?key=sk-test-secrets%3Aab%2Fcd%22ef")).isEqualTo("?key=[redacted]");
        assertThat(Secrets.scrub("{\"k\":\"sk-test-secrets:ab/cd\\\"ef\"}")).isEqualTo("{\"k\":\"[redacted]\"}");
        assertThat(Secrets.containsSecret("xsk-test-secrets:ab/cd\"efx")).isTrue();
    }

    @Test
    void should_mask_the_longer_secret_whole_when_one_contains_another() {
        Secrets.register(List.of("inner-key-0001", "outer-inner-key-0001-tail"));

        assertThat(Secrets.scrub("a outer-inner-key-0001-tail b inner-key-0001")).isEqualTo("a [redacted] b [redacted]");
    }

    @Test
    void should_skip_short_blank_and_null_values_when_registering() {
        Secrets.register(Arrays.asList("k1", "   ", null, ""));

        assertThat(Secrets.scrub("k1 is a word")).isEqualTo("k1 is a word");
        assertThat(Secrets.scrub(null)).isNull();
    }

    @Test
    void should_refuse_an_identifier_holding_a_secret_when_made_safe_text() {
        Secrets.register(List.of("sk-proj-safetext-9999"));

        assertThat(SafeText.token("Bearer_sk-proj-safetext-9999")).isNull();
        assertThat(SafeText.token("invalid_api_key")).isEqualTo("invalid_api_key");
    }
}
