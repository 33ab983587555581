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
     * download still has a good header, but its chunk or segment chain stops short. Walks only
     * chunk/segment headers (a few hundred hops per image), so it costs nothing next to a decode.
     * Bytes after the real end (some cameras append trailers) are allowed.
     */
    static void checkComplete(ImageFormat format, byte[] data) {
        boolean complete = switch (format) {
            case PNG -> pngComplete(data);
            case JPEG -> jpegComplete(data);
            case WEBP -> data.length >= 12 && data.length - 8L >= u32le(data, 4);
        };
        if (!complete) {
            throw new MediaException(Reason.TRUNCATED, format.extension() + " data ends early (" + data.length + " bytes)");
        }
    }

    /** Follows the chunk chain from the signature to a whole IEND chunk. */
    private static boolean pngComplete(byte[] data) {
        long pos = 8;
        while (pos + 12 <= data.length) {
            long length = u32be(data, (int) pos);
            boolean iend = data[(int) pos + 4] == 'I' && data[(int) pos + 5] == 'E'
                    && data[(int) pos + 6] == 'N' && data[(int) pos + 7] == 'D';
            pos += 12 + length;
            if (iend) {
                return pos <= data.length;
            }
        }
        return false;
    }

    /**
     * Skips the header segments by their lengths (so an EXIF thumbnail's own EOI does not count),
     * then looks for EOI after the first scan: FF D9 cannot occur inside entropy-coded data,
     * where every FF is followed by 00 or a restart marker.
     */
    private static boolean jpegComplete(byte[] data) {
        int pos = 2;
        while (pos + 4 <= data.length) {
            if ((data[pos] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = data[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
            } else if (marker == 0xDA) {
                for (int i = data.length - 2; i > pos; i--) {
                    if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == 0xD9) {
                        return true;
                    }
                }
                return false;
            } else if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
            } else {
                pos += 2 + ((data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF));
            }
        }
        return false;
    }

    private static long u32le(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static long u32be(byte[] b, int off) {
        return (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFFL) << 16 | (b[off + 2] & 0xFFL) << 8 | (b[off + 3] & 0xFFL);
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
