package dev.easel.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputImageTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void should_refuse_empty_bytes_when_constructed() {
        assertThatThrownBy(() -> new InputImage(new byte[0], "image/png"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void should_refuse_a_media_type_providers_do_not_take_when_constructed() {
        assertThatThrownBy(() -> new InputImage(PNG_MAGIC, "image/svg+xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/svg+xml");
    }

    @Test
    void should_encode_a_data_uri_when_asked() {
        assertThat(new InputImage(new byte[] {1, 2, 3}, "image/webp").dataUri())
                .isEqualTo("data:image/webp;base64,AQID");
    }

    @Test
    void should_compare_by_content_when_two_hold_equal_bytes() {
        InputImage a = new InputImage(PNG_MAGIC.clone(), "image/png");
        InputImage b = new InputImage(PNG_MAGIC.clone(), "image/png");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new InputImage(PNG_MAGIC.clone(), "image/jpeg"));
        assertThat(a.toString()).isEqualTo("InputImage[4 bytes, image/png]");
    }
}
