package dev.easel.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Deterministic photo-like pictures for tests and the benchmark; independent decoders for assertions. */
public final class TestImages {

    private TestImages() {
    }

    /**
     * Gradients + per-pixel noise + anti-aliased shapes: compresses like a photo (noise defeats
     * run-length tricks) yet is identical on every run for a given seed.
     * With {@code alpha}, the top-left 8x8 corner is fully transparent, the band below it is half
     * transparent, the rest is opaque.
     */
    public static BufferedImage photoLike(int width, int height, boolean alpha, long seed) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(17) - 8;
                int r = clamp(x * 255 / Math.max(1, width - 1) + noise);
                int g = clamp(y * 255 / Math.max(1, height - 1) + noise);
                int b = clamp((int) (128 + 100 * Math.sin((x + y) / 37.0)) + noise);
                px[y * width + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                int w = Math.max(2, width / (3 + random.nextInt(6)));
                int h = Math.max(2, height / (3 + random.nextInt(6)));
                int x = random.nextInt(Math.max(1, width - w));
                int y = random.nextInt(Math.max(1, height - h));
                if (i % 3 == 0) {
                    g.fillOval(x, y, w, h);
                } else if (i % 3 == 1) {
                    g.fillRect(x, y, w, h);
                } else {
                    g.setStroke(new BasicStroke(Math.max(1, width / 100f)));
                    g.drawLine(x, y, x + w, y + h);
                }
            }
        } finally {
            g.dispose();
        }
        if (alpha) {
            for (int y = 0; y < Math.min(height, 16); y++) {
                for (int x = 0; x < Math.min(width, 8); x++) {
                    int a = y < 8 ? 0 : 0x80;
                    int i = y * width + x;
                    px[i] = (a << 24) | (px[i] & 0xFFFFFF);
                }
            }
        }
        return image;
    }

    /** Source bytes in a given format, written by the production encoder at default settings. */
    public static byte[] encode(BufferedImage image, ImageFormat format) {
        return ImageEncoder.encode(image, format, format == ImageFormat.WEBP && image.getColorModel().hasAlpha() ? 100 : null);
    }

    /** The production encoder alone (no decode), for the benchmark's like-for-like rows. */
    public static byte[] encodeOnly(BufferedImage image, ImageFormat format, Integer quality) {
        return ImageEncoder.encode(image, format, quality);
    }

    /** Production's PNG encoder with explicit zlib settings, for the settings sweep. */
    public static byte[] png(BufferedImage image, int level, int strategy) {
        return PngEncoder.encode(image, level, strategy);
    }

    /**
     * The JDK's PNG writer at a deflate level: what Easel used before {@code PngEncoder}, kept as
     * the size and speed reference in tests and the benchmark.
     */
    public static byte[] jdkPng(BufferedImage image, int level) {
        ImageWriter writer = Codecs.writer(ImageFormat.PNG);
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            // The JDK maps quality q to deflate level 9 - round(9 * q).
            param.setCompressionQuality(1f - level / 9f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** Decoded by production's own decoder (native libwebp for WebP), as a transcode sees it. */
    public static BufferedImage decodeAsProduction(byte[] data) {
        return new ImageDecoder(Long.MAX_VALUE).decode(data);
    }

    /**
     * Decodes with a reader other than production's where one exists (TwelveMonkeys for WebP),
     * so an assertion does not merely agree with the code under test.
     */
    public static BufferedImage decode(byte[] data) {
        try {
            ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data));
            ImageReader reader;
            if (ImageFormat.sniff(data).orElseThrow() == ImageFormat.WEBP) {
                reader = new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi().createReaderInstance();
            } else {
                reader = ImageIO.getImageReaders(in).next();
            }
            try {
                reader.setInput(in);
                return reader.read(0);
            } finally {
                reader.dispose();
                in.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of a few dozen bytes whose IHDR (valid CRC) declares {@code width x height} RGBA. */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 6;  // RGBA
        chunk(out, "IHDR", ihdr);
        // A zlib stream of zeros: inflates to far more than it weighs, as a real bomb would.
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        deflater.setInput(new byte[1 << 20]);
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        int n = deflater.deflate(buf);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
