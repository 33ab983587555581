package dev.easel.gateway.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Test-side image checks that do not rely on Easel's own transcoder. */
public final class Images {

    private Images() {
    }

    /** The format named by the magic bytes: png, jpeg, webp, or unknown. */
    public static String magic(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "webp";
        }
        return "unknown";
    }

    /** Decodes fully (TwelveMonkeys registers a WebP reader with ImageIO). */
    public static BufferedImage decode(byte[] b) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(b));
        if (image == null) {
            throw new IOException("no ImageIO reader decoded " + b.length + " bytes (" + magic(b) + ")");
        }
        return image;
    }
}
