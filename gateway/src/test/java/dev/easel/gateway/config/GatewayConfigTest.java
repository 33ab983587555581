package dev.easel.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void should_use_the_embedded_defaults_when_the_environment_is_empty() {
        GatewayConfig c = GatewayConfig.from(Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.storage()).isEqualTo(GatewayConfig.Storage.LOCAL);
        assertThat(c.publicUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.rehost()).isEqualTo(GatewayConfig.Rehost.ALWAYS);
        assertThat(c.apiKeys()).isEmpty();
    }

    @Test
    void should_refuse_to_bind_beyond_loopback_when_no_api_keys_are_set() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("HOST", "0.0.0.0")))
                .hasMessageContaining("EASEL_API_KEYS");
        assertThat(GatewayConfig.from(Map.of("HOST", "0.0.0.0", "EASEL_API_KEYS", "k1, k2")).apiKeys())
                .containsExactly("k1", "k2");
    }

    @Test
    void should_name_the_variable_when_a_value_is_malformed() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("PORT", "eighty"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("EASEL_REQUEST_TIMEOUT", "soon"))).hasMessageContaining("EASEL_REQUEST_TIMEOUT");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("EASEL_REHOST", "never"))).hasMessageContaining("EASEL_REHOST");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("EASEL_STORAGE", "s3"))).hasMessageContaining("S3_BUCKET");
    }

    @Test
    void should_turn_the_playground_off_only_when_easel_playground_says_false() {
        assertThat(GatewayConfig.from(Map.of()).playground()).isTrue();
        assertThat(GatewayConfig.from(Map.of("EASEL_PLAYGROUND", "false")).playground()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("EASEL_PLAYGROUND", "off"))).hasMessageContaining("EASEL_PLAYGROUND");
    }

    @Test
    void should_read_s3_settings_without_printing_the_secret() {
        GatewayConfig c = GatewayConfig.from(Map.of("EASEL_STORAGE", "s3", "S3_BUCKET", "pics",
                "S3_ENDPOINT", "http://127.0.0.1:9000", "S3_URL_TTL", "15m", "AWS_ACCESS_KEY_ID", "id",
                "AWS_SECRET_ACCESS_KEY", "very-secret", "EASEL_REHOST", "when_needed"));
        assertThat(c.s3().bucket()).isEqualTo("pics");
        assertThat(c.s3().pathStyle()).isTrue();
        assertThat(c.s3().urlTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.s3().toString()).doesNotContain("very-secret");
        assertThat(c.rehost()).isEqualTo(GatewayConfig.Rehost.WHEN_NEEDED);
    }

    @Test
    void should_name_keys_for_the_logs_when_api_keys_are_given_as_name_colon_key_or_bare() {
        GatewayConfig c = GatewayConfig.from(Map.of("EASEL_API_KEYS", "ci:sk-one, sk-two ,web-app:sk:three"));

        assertThat(c.apiKeys()).containsExactly("sk-one", "sk-two", "sk:three");
        assertThat(c.callers()).extracting(ApiKey::name).containsExactly("ci", "key-2", "web-app");
        assertThat(c.callers().toString()).doesNotContain("sk-one", "sk-two", "three");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("EASEL_API_KEYS", "ci:a,ci:b"))).hasMessageContaining("used twice");
    }

    @Test
    void should_read_logging_and_shutdown_settings_with_defaults() {
        GatewayConfig d = GatewayConfig.from(Map.of());
        assertThat(d.logFormat()).isEqualTo(GatewayConfig.LogFormat.TEXT);
        assertThat(d.logPrompts()).isFalse();
        assertThat(d.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.catalogPath()).isNull();
        GatewayConfig c = GatewayConfig.from(Map.of("EASEL_LOG_FORMAT", "JSON", "EASEL_LOG_PROMPTS", "true",
                "EASEL_SHUTDOWN_GRACE", "5s"));
        assertThat(c.logFormat()).isEqualTo(GatewayConfig.LogFormat.JSON);
        assertThat(c.logPrompts()).isTrue();
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }
}
