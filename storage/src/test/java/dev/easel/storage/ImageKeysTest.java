package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ImageKeysTest {

    private static ImageObject image(String requestId, int index, String ext, Instant at) {
        return new ImageObject(requestId, index, ext, "image/" + ext, new byte[] {1}, at);
    }

    @Test
    void should_lay_out_date_request_and_index_when_key_is_built() {
        assertThat(ImageKeys.keyFor(image("abc", 0, "png", Instant.parse("2026-11-21T10:00:00Z"))))
                .isEqualTo("images/2026/11/21/abc-0.png");
        assertThat(ImageKeys.keyFor(image("req_1-x", 3, "webp", Instant.parse("2026-01-05T00:00:00Z"))))
                .isEqualTo("images/2026/01/05/req_1-x-3.webp");
    }

    @Test
    void should_use_utc_day_when_local_zone_would_differ() {
        // 23:30 UTC is already the next day in Asia, still the same day in UTC.
        assertThat(ImageKeys.keyFor(image("r", 0, "jpeg", Instant.parse("2026-12-31T23:30:00Z"))))
                .isEqualTo("images/2026/12/31/r-0.jpeg");
    }

    @Test
    void should_sanitize_request_id_when_it_holds_path_characters() {
        assertThat(ImageKeys.keyFor(image("../../etc/passwd", 0, "png", Instant.parse("2026-11-21T00:00:00Z"))))
                .isEqualTo("images/2026/11/21/______etc_passwd-0.png");
        assertThat(ImageKeys.sanitize("a b%2e\\c\u0000é")).isEqualTo("a_b_2e_c__");
    }

    @Test
    void should_use_placeholder_and_cap_length_when_request_id_is_empty_or_long() {
        assertThat(ImageKeys.sanitize("")).isEqualTo("request");
        assertThat(ImageKeys.sanitize("x".repeat(500))).hasSize(ImageKeys.MAX_REQUEST_ID_LENGTH);
    }
}
