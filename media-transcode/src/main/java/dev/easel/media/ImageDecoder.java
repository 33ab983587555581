package dev.easel.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import dev.easel.media.MediaException.Reason;

/** Sniffs, reads the header, enforces the pixel limit, and only then decodes. */
final class ImageDecoder {

    private final long maxPixels;

    ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    static ImageFormat sniffOrThrow(byte[] data) {
        Objects.requireNonNull(data, "data");
        return ImageFormat.sniff(data).orElseThrow(() -> ImageFormat.isOtherImage(data)
                ? new MediaException(Reason.UNSUPPORTED_FORMAT, "image format not supported (only png, jpeg, webp)")
                : new MediaException(Reason.NOT_AN_IMAGE, "not an image (" + data.length + " bytes, no known magic)"));
    }

    /** Dimensions from the header alone: no pixel buffer is allocated. */
    ImageInfo probe(byte[] data) {
        ImageFormat format = sniffOrThrow(data);
        ImageReader reader = Codecs.reader(format);
        try (var in = new ByteArrayImageInputStream(data)) {
            reader.setInput(in, true, true);
            return header(reader, format);
        } catch (IOException e) {
            throw new MediaException(Reason.TRUNCATED, format.extension() + " header unreadable", e);
        } finally {
            reader.dispose();
        }
    }

    void checkLimit(ImageInfo info) {
        if (info.pixels() > maxPixels) {
            throw new MediaException(Reason.TOO_LARGE, info.format().extension() + " declares "
                    + info.width() + "x" + info.height() + " = " + info.pixels() + " pixels, over the limit of " + maxPixels);
        }
    }

    /**
     * A structural end-of-file check for the pass-through path, which never decodes: a cut
     * download still has a good header, but lacks PNG's IEND, JPEG's EOI, or the length WebP's
     * RIFF header promises. Costs nothing next to a decode.
     */
    static void checkComplete(ImageFormat format, byte[] data) {
        boolean complete = switch (format) {
            case PNG -> lastIndexOf(data, IEND, 64) >= 0;
            // FF D9 cannot occur inside entropy-coded data (FF is always stuffed), so an EOI near
            // the end is the real end of the image, give or take trailing padding.
            case JPEG -> lastIndexOf(data, EOI, 1024) >= 0;
            case WEBP -> data.length >= 12 && data.length - 8L >= riffSize(data);
        };
        if (!complete) {
            throw new MediaException(Reason.TRUNCATED, format.extension() + " data ends early (" + data.length + " bytes)");
        }
    }

    private static final byte[] IEND = {'I', 'E', 'N', 'D'};
    private static final byte[] EOI = {(byte) 0xFF, (byte) 0xD9};

    private static long riffSize(byte[] data) {
        return (data[4] & 0xFFL) | (data[5] & 0xFFL) << 8 | (data[6] & 0xFFL) << 16 | (data[7] & 0xFFL) << 24;
    }

    private static int lastIndexOf(byte[] data, byte[] needle, int window) {
        int from = Math.max(0, data.length - window);
        for (int i = data.length - needle.length; i >= from; i--) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = data[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    BufferedImage decode(byte[] data) {
        ImageFormat format = sniffOrThrow(data);
        ImageReader reader = Codecs.reader(format);
        TruncationWatch watch = new TruncationWatch();
        try (var in = new ByteArrayImageInputStream(data)) {
            reader.setInput(in, true, true);
            // The limit is checked on the header before read() allocates the raster.
            checkLimit(header(reader, format));
            reader.addIIOReadWarningListener(watch);
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            if (watch.truncated != null) {
                throw new MediaException(Reason.TRUNCATED, format.extension() + " data ends early: " + watch.truncated);
            }
            return image;
        } catch (MediaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO plugins signal corrupt data with IIOException, but also with
            // IndexOutOfBounds, IllegalArgument or NegativeArraySize from deep inside.
            throw new MediaException(unsupportedOrTruncated(e), format.extension() + " data unreadable: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageInfo header(ImageReader reader, ImageFormat format) throws IOException {
        try {
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new MediaException(Reason.TRUNCATED, format.extension() + " header declares " + width + "x" + height);
            }
            return new ImageInfo(format, width, height);
        } catch (RuntimeException e) {
            if (e instanceof MediaException m) {
                throw m;
            }
            throw new MediaException(unsupportedOrTruncated(e), format.extension() + " header unreadable: " + e.getMessage(), e);
        }
    }

    private static Reason unsupportedOrTruncated(Throwable e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        // e.g. the JDK's "Unsupported Image Type" for CMYK JPEG, libwebp's UNSUPPORTED_FEATURE for animation
        return message.contains("unsupported") ? Reason.UNSUPPORTED_FORMAT : Reason.TRUNCATED;
    }

    /**
     * The JDK JPEG reader does not fail on a truncated file: libjpeg warns "Premature end of
     * JPEG file" and fills the rest with grey. We would deliver half a picture, so we listen.
     * Other libjpeg warnings (extraneous bytes before a marker) are common in real files that
     * decode fine, and are ignored.
     */
    private static final class TruncationWatch implements IIOReadWarningListener {
        volatile String truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = String.valueOf(warning).toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("end of file") || w.contains("truncated")) {
                truncated = warning;
            }
        }
    }
}
