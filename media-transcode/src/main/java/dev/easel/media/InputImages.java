package dev.easel.media;

import dev.easel.media.MediaException.Reason;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Makes a caller's input images (edits) ready for a provider: recognised by their bytes
 * alone, bounded in pixels before any decode, a GIF reduced to its first frame, then per
 * route downscaled to its pixel budget and re-encoded when the route does not take the
 * format. Synchronous and CPU-bound: run it on a worker pool.
 */
public final class InputImages {

    private static final byte[] GIF_MAGIC = {'G', 'I', 'F', '8'};

    private final ImageDecoder decoder;

    /** @param maxPixels width x height above which an input is refused (decompression bombs) */
    public InputImages(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
    }

    /**
     * Checks one input and reads its size from the header. PNG, JPEG and WebP pass through
     * undecoded (after a structural end-of-file check); a GIF is decoded once, to its first
     * frame, and kept as PNG so no provider ever sees a GIF.
     *
     * @throws MediaException NOT_AN_IMAGE, UNSUPPORTED_FORMAT, TRUNCATED or TOO_LARGE
     */
    public ImageBytes load(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (isGif(data)) {
            BufferedImage first = firstGifFrame(data);
            return new ImageBytes(PngEncoder.encode(first), ImageFormat.PNG, first.getWidth(), first.getHeight());
        }
        ImageInfo info = decoder.probe(data);
        decoder.checkLimit(info);
        ImageDecoder.checkComplete(info.format(), data);
        return new ImageBytes(data, info.format(), info.width(), info.height());
    }

    /**
     * The image as one route takes it: at most {@code maxPixels} (scaled down keeping its
     * ratio, never up) and in one of {@code accepted} (PNG when its own format is not, as PNG
     * keeps any alpha an edit may rely on; JPEG when the route takes neither).
     */
    public ImageBytes fit(ImageBytes image, long maxPixels, Set<ImageFormat> accepted) {
        Objects.requireNonNull(image, "image");
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("accepted formats must not be empty");
        }
        boolean formatOk = accepted.contains(image.format());
        if (image.pixels() <= maxPixels && formatOk) {
            return image;
        }
        BufferedImage pixels = decoder.decode(image.data());
        if (image.pixels() > maxPixels) {
            double scale = Math.sqrt((double) maxPixels / image.pixels());
            int w = Math.max(1, (int) Math.floor(image.width() * scale));
            int h = Math.max(1, (int) Math.floor(image.height() * scale));
            pixels = scaled(pixels, w, h);
        }
        ImageFormat target = formatOk ? image.format()
                : accepted.contains(ImageFormat.PNG) ? ImageFormat.PNG
                : accepted.contains(ImageFormat.JPEG) ? ImageFormat.JPEG : accepted.iterator().next();
        return new ImageBytes(ImageEncoder.encode(pixels, target, null), target, pixels.getWidth(), pixels.getHeight());
    }

    /** Draws {@code source} at {@code width x height} with bicubic filtering, keeping alpha when it has one. */
    static BufferedImage scaled(BufferedImage source, int width, int height) {
        int type = source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(width, height, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static boolean isGif(byte[] data) {
        if (data.length < GIF_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < GIF_MAGIC.length; i++) {
            if (data[i] != GIF_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private BufferedImage firstGifFrame(byte[] data) {
        var readers = ImageIO.getImageReadersByFormatName("gif");
        if (!readers.hasNext()) {
            throw new MediaException(Reason.UNSUPPORTED_FORMAT, "no GIF reader on this JVM");
        }
        ImageReader reader = readers.next();
        try (var in = new ByteArrayImageInputStream(data)) {
            reader.setInput(in, false, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new MediaException(Reason.TRUNCATED, "gif header declares " + width + "x" + height);
            }
            decoder.checkLimit(new ImageInfo(ImageFormat.PNG, width, height));
            BufferedImage frame = reader.read(0);
            // Indexed colour is fine to look at but not to hand to encoders that expect packed pixels.
            BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = out.createGraphics();
            try {
                g.drawImage(frame, 0, 0, null);
            } finally {
                g.dispose();
            }
            return out;
        } catch (MediaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MediaException(Reason.TRUNCATED, "gif data unreadable: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
