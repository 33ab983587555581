package dev.easel.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateConfigTest {

    private static StateConfig read(Map<String, String> env) {
        return GatewayConfig.from(env).state();
    }

    @Test
    void should_keep_everything_in_process_when_nothing_is_set() {
        StateConfig c = read(Map.of());

        assertThat(c.redisUrl()).isNull();
        assertThat(c.redisPrefix()).isEqualTo("easel:");
        assertThat(c.idempotencyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.idempotencyMaxBytes()).isEqualTo(256L << 20);
        assertThat(c.rateLimitRpm()).isZero();
        assertThat(c.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_read_every_setting_when_all_are_set() {
        StateConfig c = read(Map.of("EASEL_REDIS_URL", "rediss://:s3cret@redis.internal:6380/2",
                "EASEL_REDIS_PREFIX", "prod-easel:", "EASEL_IDEMPOTENCY_TTL", "2h",
                "EASEL_IDEMPOTENCY_MAX_BYTES", "1048576", "EASEL_RATE_LIMIT_RPM", "120", "EASEL_REDIS_TIMEOUT", "500ms"));

        assertThat(c.redisUrl()).isEqualTo("rediss://:s3cret@redis.internal:6380/2");
        assertThat(c.redisPrefix()).isEqualTo("prod-easel:");
        assertThat(c.idempotencyTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.idempotencyMaxBytes()).isEqualTo(1_048_576);
        assertThat(c.rateLimitRpm()).isEqualTo(120);
        assertThat(c.redisTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void should_never_show_the_redis_password_when_logged() {
        StateConfig c = read(Map.of("EASEL_REDIS_URL", "redis://user:s3cret@redis.internal:6379"));

        assertThat(c.redisUrlForLogs()).isEqualTo("redis://redis.internal:6379");
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(GatewayConfig.from(Map.of("EASEL_REDIS_URL", "redis://user:s3cret@redis.internal:6379")).toString())
                .doesNotContain("s3cret");
    }

    @Test
    void should_refuse_a_url_that_is_not_redis_without_echoing_it() {
        assertThatThrownBy(() -> read(Map.of("EASEL_REDIS_URL", "http://user:s3cret@redis.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EASEL_REDIS_URL")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void should_refuse_a_zero_byte_bound_naming_the_variable() {
        assertThatThrownBy(() -> read(Map.of("EASEL_IDEMPOTENCY_MAX_BYTES", "0")))
                .hasMessageContaining("EASEL_IDEMPOTENCY_MAX_BYTES");
    }
}
