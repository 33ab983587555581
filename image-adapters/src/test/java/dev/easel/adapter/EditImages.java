package dev.easel.adapter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Real encoded images for edit tests (inputs and masks as the gateway hands them to an
 * adapter), and the decoding of what a stub received, so tests assert on pixels, not bytes.
 */
public final class EditImages {

    private EditImages() {
    }

    public static InputImage png(int width, int height, Color color) {
        return new InputImage(encode(solid(width, height, color, BufferedImage.TYPE_INT_RGB), "png"), "image/png");
    }

    public static InputImage jpeg(int width, int height, Color color) {
        return new InputImage(encode(solid(width, height, color, BufferedImage.TYPE_INT_RGB), "jpg"), "image/jpeg");
    }

    /** Random noise, which PNG cannot compress: a {@code width x height} PNG of about 3 bytes a pixel. */
    public static InputImage noisePng(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return new InputImage(encode(image, "png"), "image/png");
    }

    /** A luminance mask: the left half white (edit), the right half black (keep), greyscale PNG. */
    public static InputImage luminanceMask(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        return new InputImage(encode(image, "png"), "image/png");
    }

    /** An alpha mask: the left half transparent (edit), the right half opaque black (keep), RGBA PNG. */
    public static InputImage alphaMask(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < width / 2 ? 0x00000000 : 0xFF000000);
            }
        }
        return new InputImage(encode(image, "png"), "image/png");
    }

    public static BufferedImage decode(byte[] data) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            if (image == null) {
                throw new AssertionError("not a decodable image (" + data.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a {@code data:<type>;base64,...} URI, after checking its media type. */
    public static byte[] fromDataUri(String uri, String mediaType) {
        String prefix = "data:" + mediaType + ";base64,";
        if (!uri.startsWith(prefix)) {
            throw new AssertionError("expected a " + mediaType + " data URI, got " + uri.substring(0, Math.min(40, uri.length())));
        }
        return Base64.getDecoder().decode(uri.substring(prefix.length()));
    }

    /** {@code png}, {@code jpeg}, {@code webp}, {@code gif} or {@code unknown}, from the magic bytes. */
    public static String magic(byte[] data) {
        if (data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return "png";
        }
        if (data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
            return "jpeg";
        }
        if (data.length > 12 && data[0] == 'R' && data[8] == 'W' && data[9] == 'E' && data[10] == 'B') {
            return "webp";
        }
        if (data.length > 3 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F') {
            return "gif";
        }
        return "unknown";
    }

    /** The grey level (0..255) of a pixel of a decoded mask. */
    public static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    /** The alpha (0..255) of a pixel of a decoded image. */
    public static int alpha(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) >>> 24) & 0xFF;
    }

    private static BufferedImage solid(int width, int height, Color color, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
