package dev.easel.media;

import com.sksamuel.scrimage.ImmutableImage;
import com.sksamuel.scrimage.Position;
import com.sksamuel.scrimage.ScaleMethod;
import java.awt.image.BufferedImage;

/** {@code size_mode: exact}: scale to cover the target box, then crop the centre. */
final class ExactSize {

    record Resized(BufferedImage image, Double factor) {
    }

    private ExactSize() {
    }

    static Resized cover(BufferedImage source, int width, int height) {
        if (source.getWidth() == width && source.getHeight() == height) {
            return new Resized(source, null);
        }
        double factor = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        // Scrimage works on packed ints; hand it one so it does not guess at custom rasters.
        BufferedImage input = switch (source.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> source;
            default -> ImageEncoder.toPlainRgb(source);
        };
        BufferedImage out = ImmutableImage.wrapAwt(input)
                .cover(width, height, ScaleMethod.Bicubic, Position.Center)
                .awt();
        return new Resized(out, factor);
    }
}
