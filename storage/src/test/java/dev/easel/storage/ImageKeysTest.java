package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageKeysTest {

    private static ImageObject image(String requestId, int index, String ext, Instant at) {
        return new ImageObject(requestId, index, ext, "image/" + ext, new byte[] {1}, at);
    }

    @Test
    void should_lay_out_utc_day_random_name_and_extension_when_key_is_built() {
        assertThat(ImageKeys.keyFor(image("abc", 0, "png", Instant.parse("2026-11-21T10:00:00Z"))))
                .matches("images/2026/11/21/[0-9a-f]{32}\\.png");
        // 23:30 UTC is already the next day in Asia, still the same day in UTC.
        assertThat(ImageKeys.keyFor(image("r", 3, "webp", Instant.parse("2026-12-31T23:30:00Z"))))
                .matches("images/2026/12/31/[0-9a-f]{32}\\.webp");
    }

    @Test
    void should_never_derive_the_name_from_the_request_id_when_a_caller_chooses_it() {
        ImageObject victim = image("victim-0001", 0, "png", Instant.parse("2026-11-21T10:00:00Z"));
        String first = ImageKeys.keyFor(victim);
        String second = ImageKeys.keyFor(victim);
        assertThat(first).isNotEqualTo(second).doesNotContain("victim");
        assertThat(ImageKeys.keyFor(image("../../etc/passwd", 0, "png", Instant.EPOCH)))
                .matches("images/1970/01/01/[0-9a-f]{32}\\.png");
    }

    @Test
    void should_give_distinct_names_when_many_keys_are_built() {
        Set<String> keys = new HashSet<>();
        ImageObject same = image("same", 0, "jpeg", Instant.EPOCH);
        for (int i = 0; i < 10_000; i++) {
            keys.add(ImageKeys.keyFor(same));
        }
        assertThat(keys).hasSize(10_000);
    }
}
