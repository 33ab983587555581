package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void should_hide_secret_when_printed() {
        S3Settings settings = new S3Settings("b", URI.create("http://127.0.0.1:9000"), "us-east-1", true, null,
                Duration.ofHours(1), "AKIAEXAMPLE", "super-secret-value");

        assertThat(settings.toString()).doesNotContain("super-secret-value").contains("secretAccessKey=****").contains("bucket=b");
    }

    @Test
    void should_reject_ttl_when_longer_than_seven_days() {
        assertThatThrownBy(() -> new S3Settings("b", null, "us-east-1", false, null, Duration.ofDays(8), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 days");
    }

    @Test
    void should_reject_access_key_when_secret_is_missing() {
        assertThatThrownBy(() -> new S3Settings("b", null, "us-east-1", false, null, Duration.ofHours(1), "AKIA", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_allow_default_credential_chain_when_keys_are_null() {
        assertThat(new S3Settings("b", null, "eu-west-1", false, null, Duration.ofHours(1), null, null).accessKeyId()).isNull();
    }
}
