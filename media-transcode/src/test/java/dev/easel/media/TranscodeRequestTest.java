package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TranscodeRequestTest {

    @Test
    void should_reject_quality_when_outside_0_to_100() {
        assertThatThrownBy(() -> new TranscodeRequest(ImageFormat.JPEG, 101, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranscodeRequest(ImageFormat.JPEG, -1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_exact_size_when_only_one_side_is_set() {
        assertThatThrownBy(() -> new TranscodeRequest(ImageFormat.PNG, null, 10, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranscodeRequest(ImageFormat.PNG, null, null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_exact_size_when_not_positive() {
        assertThatThrownBy(() -> new TranscodeRequest(ImageFormat.PNG, null, 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_accept_request_when_fields_are_valid() {
        assertThat(new TranscodeRequest(ImageFormat.WEBP, 100, 640, 640).hasExactSize()).isTrue();
        assertThat(TranscodeRequest.to(ImageFormat.PNG).hasExactSize()).isFalse();
    }

    @Test
    void should_reject_request_when_target_is_null() {
        assertThatThrownBy(() -> new TranscodeRequest(null, null, null, null)).isInstanceOf(NullPointerException.class);
    }
}
