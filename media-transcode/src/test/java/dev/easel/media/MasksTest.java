package dev.easel.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MasksTest {

    private final Masks masks = new Masks(64_000_000);

    /** OpenAI's convention: opaque everywhere except a transparent left half (the area to edit). */
    private static byte[] alphaMask(int w, int h) {
        BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m.setRGB(x, y, x < w / 2 ? 0x00000000 : 0xFF000000);
            }
        }
        return TestImages.encode(m, ImageFormat.PNG);
    }

    /** The luminance convention: white left half (edit), black right half (keep), no alpha. */
    private static byte[] luminanceMask(int w, int h) {
        BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = m.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w / 2, h);
        g.dispose();
        return TestImages.encode(m, ImageFormat.PNG);
    }

    @Test
    void should_write_white_edit_area_when_alpha_mask_goes_to_luminance_route() {
        Masks.Converted c = masks.convert(alphaMask(40, 20), false, 40, 20);

        assertThat(c.receivedAlpha()).isTrue();
        assertThat(c.resized()).isFalse();
        BufferedImage out = TestImages.decode(c.png());
        assertThat(out.getColorModel().hasAlpha()).isFalse();
        assertThat(out.getRGB(5, 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(out.getRGB(35, 10) & 0xFFFFFF).isEqualTo(0x000000);
    }

    @Test
    void should_write_transparent_edit_area_when_luminance_mask_goes_to_alpha_route() {
        Masks.Converted c = masks.convert(luminanceMask(40, 20), true, 40, 20);

        assertThat(c.receivedAlpha()).isFalse();
        BufferedImage out = TestImages.decode(c.png());
        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getRGB(5, 10) >>> 24).isZero();
        assertThat(out.getRGB(35, 10) >>> 24).isEqualTo(255);
    }

    @Test
    void should_keep_convention_when_route_takes_the_one_received() {
        Masks.Converted c = masks.convert(alphaMask(40, 20), true, 40, 20);

        BufferedImage out = TestImages.decode(c.png());
        assertThat(out.getRGB(5, 10) >>> 24).isZero();
        assertThat(out.getRGB(35, 10) >>> 24).isEqualTo(255);
    }

    @Test
    void should_scale_to_the_image_when_sizes_differ() {
        Masks.Converted c = masks.convert(luminanceMask(40, 20), false, 200, 100);

        assertThat(c.resized()).isTrue();
        BufferedImage out = TestImages.decode(c.png());
        assertThat(out.getWidth()).isEqualTo(200);
        assertThat(out.getHeight()).isEqualTo(100);
        assertThat(out.getRGB(20, 50) & 0xFF).isEqualTo(255);
        assertThat(out.getRGB(180, 50) & 0xFF).isZero();
    }

    @Test
    void should_read_by_luminance_when_alpha_channel_is_fully_opaque() {
        // An RGBA file whose alpha is 255 everywhere carries its meaning in its colours.
        BufferedImage m = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                m.setRGB(x, y, x < 5 ? 0xFFFFFFFF : 0xFF000000);
            }
        }
        Masks.Converted c = masks.convert(TestImages.encode(m, ImageFormat.PNG), true, 10, 10);

        assertThat(c.receivedAlpha()).isFalse();
        BufferedImage out = TestImages.decode(c.png());
        assertThat(out.getRGB(1, 1) >>> 24).isZero();
        assertThat(out.getRGB(8, 1) >>> 24).isEqualTo(255);
    }
}
