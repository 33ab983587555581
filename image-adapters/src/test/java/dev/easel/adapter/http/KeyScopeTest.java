package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyScopeTest {

    private static final Set<String> BFL = Set.of("bfl.ai", "bfl.ml");

    @Test
    void should_allow_key_when_url_is_the_configured_origin() {
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://api.bfl.ai/v1/get_result?id=1", BFL)).isTrue();
        assertThat(KeyScope.allows("http://127.0.0.1:8089/v1", "http://127.0.0.1:8089/v1/get_result", Set.of())).isTrue();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://api.bfl.ai:443/x", BFL)).isTrue();
    }

    @Test
    void should_allow_key_when_url_is_a_regional_host_of_the_same_family() {
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://api.eu2.bfl.ai/v1/get_result?id=1", BFL)).isTrue();
        assertThat(KeyScope.allows("https://api.bfl.ml/v1", "https://gateway.bfl.ml/x", BFL)).isTrue();
    }

    @Test
    void should_refuse_key_when_url_is_foreign_downgraded_or_lookalike() {
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://evil.example.com/get_result", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://bfl.ai.evil.com/x", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://evilbfl.ai/x", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "http://api.eu2.bfl.ai/x", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "https://api.bfl.ml/x", BFL)).isFalse();
        assertThat(KeyScope.allows("http://127.0.0.1:8089/v1", "http://127.0.0.1:9999/v1", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "ftp://api.bfl.ai/x", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", "not a url", BFL)).isFalse();
    }

    @Test
    void should_refuse_key_when_base_or_url_is_missing() {
        assertThat(KeyScope.allows(null, "https://api.bfl.ai/x", BFL)).isFalse();
        assertThat(KeyScope.allows("https://api.bfl.ai/v1", null, BFL)).isFalse();
    }
}
