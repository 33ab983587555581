package dev.easel.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestPatternRendererTest {

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** The share of pixels that differ: more than a label's worth means a different picture. */
    private static double differingShare(byte[] a, byte[] b) throws IOException {
        BufferedImage x = decode(a);
        BufferedImage y = decode(b);
        long differ = 0;
        for (int j = 0; j < x.getHeight(); j++) {
            for (int i = 0; i < x.getWidth(); i++) {
                if (x.getRGB(i, j) != y.getRGB(i, j)) {
                    differ++;
                }
            }
        }
        return (double) differ / ((long) x.getWidth() * x.getHeight());
    }

    @Test
    void should_produce_identical_bytes_when_prompt_seed_and_size_are_the_same() {
        byte[] first = TestPatternRenderer.render("a red fox in the snow", 42, 640, 480);
        byte[] second = TestPatternRenderer.render("a red fox in the snow", 42, 640, 480);

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"64,64", "640,480", "480,640", "4096,4096"})
    void should_render_exactly_the_requested_size_when_within_bounds(int width, int height) throws IOException {
        byte[] png = TestPatternRenderer.render("exact size please", 7, width, height);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @Test
    void should_look_different_when_prompts_differ() throws IOException {
        byte[] fox = TestPatternRenderer.render("a red fox in the snow", 42, 256, 256);
        byte[] owl = TestPatternRenderer.render("an owl at night", 42, 256, 256);

        assertThat(differingShare(fox, owl)).isGreaterThan(0.5);
    }

    @Test
    void should_look_different_when_seeds_differ() throws IOException {
        byte[] one = TestPatternRenderer.render("a red fox in the snow", 1, 256, 256);
        byte[] two = TestPatternRenderer.render("a red fox in the snow", 2, 256, 256);

        assertThat(differingShare(one, two)).isGreaterThan(0.5);
    }

    @Test
    void should_render_when_the_prompt_is_one_very_long_word_or_empty() throws IOException {
        String word = "supercalifragilistic".repeat(20);

        assertThat(decode(TestPatternRenderer.render(word, 0, 64, 64)).getWidth()).isEqualTo(64);
        assertThat(decode(TestPatternRenderer.render(" ", 0, 64, 64)).getWidth()).isEqualTo(64);
    }

    @Test
    void should_refuse_sizes_when_outside_64_to_4096() {
        assertThatThrownBy(() -> TestPatternRenderer.render("x", 0, 63, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestPatternRenderer.render("x", 0, 64, 4097)).isInstanceOf(IllegalArgumentException.class);
    }
}
