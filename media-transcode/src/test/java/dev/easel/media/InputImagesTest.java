package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class InputImagesTest {

    private final InputImages inputs = new InputImages(64_000_000);

    @Test
    void should_keep_bytes_and_read_size_when_input_is_png_jpeg_or_webp() {
        for (ImageFormat f : ImageFormat.values()) {
            byte[] data = TestImages.encode(TestImages.photoLike(300, 200, false, 1), f);
            ImageBytes loaded = inputs.load(data);
            assertThat(loaded.data()).isSameAs(data);
            assertThat(loaded.format()).isEqualTo(f);
            assertThat(loaded.width()).isEqualTo(300);
            assertThat(loaded.height()).isEqualTo(200);
        }
    }

    @Test
    void should_turn_first_gif_frame_into_png_when_input_is_gif() throws IOException {
        BufferedImage frame = TestImages.photoLike(120, 80, false, 2);
        BufferedImage indexed = new BufferedImage(120, 80, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(frame, 0, 0, null);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(indexed, "gif", gif);

        ImageBytes loaded = inputs.load(gif.toByteArray());

        assertThat(loaded.format()).isEqualTo(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(loaded.data())).contains(ImageFormat.PNG);
        BufferedImage decoded = TestImages.decode(loaded.data());
        assertThat(decoded.getWidth()).isEqualTo(120);
        assertThat(decoded.getHeight()).isEqualTo(80);
    }

    @Test
    void should_refuse_before_decoding_when_header_declares_too_many_pixels() {
        byte[] bomb = TestImages.pngBomb(20_000, 20_000);
        assertThatThrownBy(() -> new InputImages(16_000_000).load(bomb))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.TOO_LARGE));
    }

    @Test
    void should_refuse_when_bytes_are_not_an_image() {
        assertThatThrownBy(() -> inputs.load("{\"error\":1}".getBytes()))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.NOT_AN_IMAGE));
    }

    @Test
    void should_return_same_image_when_it_already_fits_the_route() {
        ImageBytes png = inputs.load(TestImages.encode(TestImages.photoLike(64, 64, false, 3), ImageFormat.PNG));
        assertThat(inputs.fit(png, 1_000_000, Set.of(ImageFormat.PNG, ImageFormat.JPEG))).isSameAs(png);
    }

    @Test
    void should_downscale_keeping_ratio_when_over_the_route_pixel_budget() {
        ImageBytes big = inputs.load(TestImages.encode(TestImages.photoLike(2000, 1000, false, 4), ImageFormat.JPEG));

        ImageBytes fitted = inputs.fit(big, 500_000, Set.of(ImageFormat.JPEG, ImageFormat.PNG));

        assertThat(fitted.pixels()).isLessThanOrEqualTo(500_000);
        assertThat((double) fitted.width() / fitted.height()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(fitted.format()).isEqualTo(ImageFormat.JPEG);
        BufferedImage decoded = TestImages.decode(fitted.data());
        assertThat(decoded.getWidth()).isEqualTo(fitted.width());
        assertThat(decoded.getHeight()).isEqualTo(fitted.height());
    }

    @Test
    void should_convert_to_png_keeping_alpha_when_route_does_not_take_the_format() {
        ImageBytes webp = inputs.load(TestImages.encode(TestImages.photoLike(100, 60, true, 5), ImageFormat.WEBP));

        ImageBytes fitted = inputs.fit(webp, 1_000_000, Set.of(ImageFormat.PNG, ImageFormat.JPEG));

        assertThat(fitted.format()).isEqualTo(ImageFormat.PNG);
        BufferedImage decoded = TestImages.decode(fitted.data());
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(decoded.getRGB(0, 0) >>> 24).isZero(); // photoLike's transparent corner survives
    }
}
