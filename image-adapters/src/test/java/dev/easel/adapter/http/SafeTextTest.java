package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void should_keep_value_when_it_is_an_identifier() {
        assertThat(SafeText.token("moderation_blocked")).isEqualTo("moderation_blocked");
        assertThat(SafeText.token("value_error.number.not_le")).isEqualTo("value_error.number.not_le");
        assertThat(SafeText.token("RESOURCE-EXHAUSTED")).isEqualTo("RESOURCE-EXHAUSTED");
        assertThat(SafeText.token("x".repeat(64))).hasSize(64);
    }

    @Test
    void should_drop_value_when_it_is_free_text_or_not_a_string() {
        assertThat(SafeText.token("Incorrect API key provided: sk-123")).isNull();
        assertThat(SafeText.token("a\nb")).isNull();
        assertThat(SafeText.token("\"quoted\"")).isNull();
        assertThat(SafeText.token("")).isNull();
        assertThat(SafeText.token(null)).isNull();
        assertThat(SafeText.token(42)).isNull();
        assertThat(SafeText.token("x".repeat(65))).isNull();
    }

    @Test
    void should_allow_longer_ids_when_a_limit_is_given() {
        assertThat(SafeText.token("r".repeat(128), 128)).hasSize(128);
        assertThat(SafeText.token("r".repeat(129), 128)).isNull();
    }
}
