package dev.easel.media;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Edit masks between the two conventions providers use. {@code alpha} (OpenAI): fully
 * transparent pixels are edited. {@code luminance} (BFL and fal fill, Stability): white is
 * edited, black kept. A received mask with any pixel whose alpha is below 255 is read as
 * alpha; any other is read by its luminance. Synchronous and CPU-bound: run it on a worker.
 */
public final class Masks {

    /**
     * A mask as one route takes it.
     *
     * @param png           the mask as PNG: RGBA with the edit area at alpha 0 for the alpha
     *                      convention, 8-bit grey with the edit area white for luminance
     * @param receivedAlpha whether the caller's mask used the alpha convention
     * @param resized       whether it was scaled to the image it goes with
     */
    public record Converted(byte[] png, boolean receivedAlpha, boolean resized) {
        public Converted {
            Objects.requireNonNull(png, "png");
        }
    }

    private final ImageDecoder decoder;

    /** @param maxPixels width x height above which a mask is refused */
    public Masks(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
    }

    /**
     * Converts {@code mask} to {@code toAlpha ? alpha : luminance} at exactly
     * {@code width x height} (the first image as sent to the provider).
     */
    public Converted convert(byte[] mask, boolean toAlpha, int width, int height) {
        Objects.requireNonNull(mask, "mask");
        BufferedImage source = decoder.decode(mask);
        boolean receivedAlpha = usesAlpha(source);
        boolean resized = source.getWidth() != width || source.getHeight() != height;
        if (resized) {
            source = InputImages.scaled(source, width, height);
        }
        BufferedImage out = new BufferedImage(width, height,
                toAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            source.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                // How strongly this pixel is to be edited, 0..255, whatever the caller's convention.
                int edit = receivedAlpha ? 255 - (row[x] >>> 24) : luminance(row[x]);
                if (toAlpha) {
                    out.setRGB(x, y, (255 - edit) << 24);
                } else {
                    out.getRaster().setSample(x, y, 0, edit);
                }
            }
        }
        return new Converted(PngEncoder.encode(out), receivedAlpha, resized);
    }

    static boolean usesAlpha(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
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

    /** Rec. 601 luma, as a greyscale conversion would give. */
    static int luminance(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return (r * 299 + g * 587 + b * 114 + 500) / 1000;
    }
}
