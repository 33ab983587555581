package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;

import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.Test;

class CodecsTest {

    @Test
    void should_pick_native_webp_reader_when_libwebp_loads() {
        assertThat(Codecs.nativeWebPAvailable()).isTrue();
        assertThat(Transcoder.webpEncodingAvailable()).isTrue();
        assertThat(Codecs.webpReaderName()).isEqualTo("com.luciad.imageio.webp.WebPImageReaderSpi");
    }

    @Test
    void should_pick_jdk_plugins_when_format_is_png_or_jpeg() {
        for (ImageFormat format : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG}) {
            ImageReader reader = Codecs.reader(format);
            ImageWriter writer = Codecs.writer(format);
            assertThat(reader.getClass().getName()).startsWith("com.sun.imageio.plugins.");
            assertThat(writer.getClass().getName()).startsWith("com.sun.imageio.plugins.");
            reader.dispose();
            writer.dispose();
        }
    }

    @Test
    void should_create_a_new_reader_when_called_twice() {
        ImageReader a = Codecs.reader(ImageFormat.WEBP);
        ImageReader b = Codecs.reader(ImageFormat.WEBP);

        assertThat(a).isNotSameAs(b);
        a.dispose();
        b.dispose();
    }
}
