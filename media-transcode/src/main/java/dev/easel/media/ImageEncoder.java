package dev.easel.media;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPWriteParam;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import dev.easel.media.MediaException.Reason;

/** Encodes a decoded image; settings were picked by measurement (see the module README). */
final class ImageEncoder {

    static final int DEFAULT_QUALITY = 90;

    /**
     * libwebp method 0..6 for lossy. 4 is cwebp's default, so Easel's output is byte-identical to
     * {@code cwebp -q N}; method 2 would halve encode time for similar size but visibly softer
     * detail (it skips the rate-distortion optimisation).
     */
    static final int WEBP_LOSSY_METHOD = 4;

    /**
     * For lossless, libwebp reads "quality" as compression effort, not fidelity. Our quality 100
     * only selects lossless; effort comes from libwebp's lossless preset 1 (method 1, effort 20):
     * ~110 ms per megapixel instead of ~300 ms for cwebp's default (method 4, effort 75), for a
     * file ~3% larger. Preset 0 is faster still but ~10% larger.
     */
    static final int WEBP_LOSSLESS_METHOD = 1;
    static final int WEBP_LOSSLESS_EFFORT = 20;

    private ImageEncoder() {
    }

    static byte[] encode(BufferedImage image, ImageFormat target, Integer quality) {
        int q = quality == null ? DEFAULT_QUALITY : quality;
        if (target == ImageFormat.PNG) {
            // Our own writer: the JDK's row filtering leaves ~45% larger files (README).
            try {
                return PngEncoder.encode(image);
            } catch (RuntimeException e) {
                throw failed(target, e);
            }
        }
        ImageWriter writer = Codecs.writer(target);
        try {
            return switch (target) {
                case JPEG -> write(writer, forJpeg(image), jpegParam(writer, q));
                case WEBP -> write(writer, forWebP(image), webpParam(writer, q));
                case PNG -> throw new AssertionError("handled above");
            };
        } catch (IOException | RuntimeException e) {
            throw failed(target, e);
        } finally {
            writer.dispose();
        }
    }

    private static MediaException failed(ImageFormat target, Exception e) {
        if (e instanceof MediaException m) {
            return m;
        }
        return new MediaException(Reason.ENCODE_FAILED, target.extension() + " encoding failed: " + e.getMessage(), e);
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) throws IOException {
        // A raw RGB image compresses to well under its raster size; start at a quarter of it.
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight()));
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length == 0) {
            // ImageIO writers can "succeed" writing nothing (ARGB into JPEG); never deliver that.
            throw new MediaException(Reason.ENCODE_FAILED, "encoder produced no bytes");
        }
        return bytes;
    }

    private static ImageWriteParam jpegParam(ImageWriter writer, int quality) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        return param;
    }

    /** Quality 100 means lossless WebP: the only way to ask this API for exact pixels. */
    private static ImageWriteParam webpParam(ImageWriter writer, int quality) {
        WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        if (quality == 100) {
            param.setCompressionType(CompressionType.Lossless);
            param.setMethod(WEBP_LOSSLESS_METHOD);
            param.setCompressionQuality(WEBP_LOSSLESS_EFFORT / 100f);
            // Keep RGB under fully transparent pixels too, so a round trip is bit-exact.
            param.setExact(true);
        } else {
            param.setCompressionType(CompressionType.Lossy);
            param.setMethod(WEBP_LOSSY_METHOD);
            param.setCompressionQuality(quality / 100f);
        }
        return param;
    }

    /**
     * JPEG has no alpha and the JDK writer silently writes nothing for ARGB: composite onto
     * opaque white (what a browser shows for a transparent PNG on a white page).
     */
    static BufferedImage forJpeg(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * The native writer reads packed-int and interleaved-byte sRGB rasters directly; anything
     * else (palette, grey, 16-bit, premultiplied) is redrawn into plain (A)RGB first.
     */
    static BufferedImage forWebP(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB
                || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR) {
            return image;
        }
        return toPlainRgb(image);
    }

    static BufferedImage toPlainRgb(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
