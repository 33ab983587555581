package dev.easel.adapter.local;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The {@code test-pattern} model's edits: the first input image scaled to the output size,
 * with the test pattern drawn over it, inside the mask only when there is one. It reads a mask
 * in either convention, as the gateway sends it for the route's catalog entry: with any
 * transparency, transparent is edited; otherwise white is. So the whole edit path, masks
 * included, can be tried and tested with no provider and no key.
 */
final class TestPatternEditor {

    /** Without a mask the pattern is laid over the whole picture, light enough to see the input through. */
    private static final float OVERLAY = 0.5f;

    private TestPatternEditor() {
    }

    /**
     * @param input a PNG (the gateway converts inputs to what the route takes)
     * @param mask  a PNG mask in the alpha or the luminance convention, or null
     */
    static byte[] edit(byte[] input, byte[] mask, String prompt, long seed, int width, int height) {
        BufferedImage base = scaled(read(input, "input image"), width, height);
        BufferedImage pattern = TestPatternRenderer.renderImage(prompt, seed, width, height);
        if (mask == null) {
            Graphics2D g = base.createGraphics();
            try {
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, OVERLAY));
                g.drawImage(pattern, 0, 0, null);
            } finally {
                g.dispose();
            }
            return TestPatternRenderer.png(base);
        }
        BufferedImage m = scaled(read(mask, "mask"), width, height);
        boolean alpha = hasTransparency(m);
        int[] baseRow = new int[width];
        int[] patternRow = new int[width];
        int[] maskRow = new int[width];
        for (int y = 0; y < height; y++) {
            base.getRGB(0, y, width, 1, baseRow, 0, width);
            pattern.getRGB(0, y, width, 1, patternRow, 0, width);
            m.getRGB(0, y, width, 1, maskRow, 0, width);
            for (int x = 0; x < width; x++) {
                int edit = alpha ? 255 - (maskRow[x] >>> 24) : luma(maskRow[x]);
                baseRow[x] = blend(baseRow[x], patternRow[x], edit);
            }
            base.setRGB(0, y, width, 1, baseRow, 0, width);
        }
        return TestPatternRenderer.png(base);
    }

    /** {@code over} on {@code under} with weight {@code edit / 255}, per channel; opaque result. */
    static int blend(int under, int over, int edit) {
        int out = 0xFF000000;
        for (int shift = 0; shift <= 16; shift += 8) {
            int a = (under >> shift) & 0xFF;
            int b = (over >> shift) & 0xFF;
            out |= ((a * (255 - edit) + b * edit + 127) / 255) << shift;
        }
        return out;
    }

    private static boolean hasTransparency(BufferedImage image) {
        int w = image.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                if (argb >>> 24 < 255) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int luma(int argb) {
        return (((argb >> 16) & 0xFF) * 299 + ((argb >> 8) & 0xFF) * 587 + (argb & 0xFF) * 114 + 500) / 1000;
    }

    private static BufferedImage read(byte[] png, String what) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalArgumentException("the " + what + " is not a PNG the local provider can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the " + what + " failed", e);
        }
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
