package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ImageObjectTest {

    @Test
    void should_reject_extension_when_not_png_jpeg_or_webp() {
        assertThatThrownBy(() -> new ImageObject("r", 0, "jpg", "image/jpeg", new byte[1], Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jpg'");
    }

    @Test
    void should_reject_index_when_negative() {
        assertThatThrownBy(() -> new ImageObject("r", -1, "png", "image/png", new byte[1], Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_null_data() {
        assertThatThrownBy(() -> new ImageObject("r", 0, "png", "image/png", null, Instant.EPOCH))
                .isInstanceOf(NullPointerException.class).hasMessage("data");
    }
}
