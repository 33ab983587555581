package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void should_sniff_format_when_bytes_are_a_real_image(ImageFormat format) {
        byte[] data = TestImages.encode(TestImages.photoLike(16, 16, false, 1), format);

        assertThat(ImageFormat.sniff(data)).contains(format);
    }

    @Test
    void should_sniff_webp_only_when_riff_container_says_webp() {
        byte[] wav = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);

        assertThat(ImageFormat.sniff(wav)).isEmpty();
        assertThat(ImageFormat.sniff(webp)).contains(ImageFormat.WEBP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<!DOCTYPE html><html>", "{\"error\":\"nope\"}", "\u0089PN", "GIF89a"})
    void should_sniff_nothing_when_bytes_are_not_png_jpeg_or_webp(String text) {
        assertThat(ImageFormat.sniff(text.getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void should_sniff_nothing_when_data_is_null() {
        assertThat(ImageFormat.sniff(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"png,PNG", "PNG,PNG", "jpeg,JPEG", "jpg,JPEG", "JPG,JPEG", "webp,WEBP", "WebP,WEBP"})
    void should_parse_name_when_known_case_insensitively(String name, ImageFormat expected) {
        assertThat(ImageFormat.fromName(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gif", "", "image/png", "tiff"})
    void should_reject_name_when_unknown(String name) {
        assertThatThrownBy(() -> ImageFormat.fromName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_expose_media_type_and_extension_when_asked() {
        assertThat(ImageFormat.PNG.mediaType()).isEqualTo("image/png");
        assertThat(ImageFormat.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.WEBP.mediaType()).isEqualTo("image/webp");
        assertThat(ImageFormat.PNG.extension()).isEqualTo("png");
        assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpeg");
        assertThat(ImageFormat.WEBP.extension()).isEqualTo("webp");
    }
}
