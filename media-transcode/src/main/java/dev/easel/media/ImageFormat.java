package dev.easel.media;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The three formats Easel delivers. The wire name ({@link #extension()}) is what the API speaks. */
public enum ImageFormat {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg"),
    WEBP("image/webp", "webp");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Accepts the API's {@code output_format} values plus the common "jpg" spelling. */
    public static ImageFormat fromName(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "jpeg", "jpg" -> JPEG;
            case "webp" -> WEBP;
            default -> throw new IllegalArgumentException("unknown image format: " + name);
        };
    }

    /**
     * Identifies the format from magic bytes only: a provider's Content-Type is often wrong
     * (application/octet-stream, or image/png for a JPEG), the bytes are not.
     */
    public static Optional<ImageFormat> sniff(byte[] data) {
        if (data == null) {
            return Optional.empty();
        }
        if (startsWith(data, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(data, 0, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(data, 0, RIFF) && startsWith(data, 8, WEBP_TAG)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * True for image formats we recognise but do not deliver (GIF, BMP, TIFF, ISO-BMFF
     * AVIF/HEIC), so callers can tell "unsupported image" apart from "not an image".
     */
    static boolean isOtherImage(byte[] data) {
        return startsWith(data, 0, GIF_MAGIC)
                || startsWith(data, 0, BMP_MAGIC)
                || startsWith(data, 0, TIFF_LE)
                || startsWith(data, 0, TIFF_BE)
                || (startsWith(data, 4, FTYP) && (startsWith(data, 8, AVIF) || startsWith(data, 8, HEIC)));
    }

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP_TAG = {'W', 'E', 'B', 'P'};
    private static final byte[] GIF_MAGIC = {'G', 'I', 'F', '8'};
    private static final byte[] BMP_MAGIC = {'B', 'M'};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    private static final byte[] FTYP = {'f', 't', 'y', 'p'};
    private static final byte[] AVIF = {'a', 'v', 'i', 'f'};
    private static final byte[] HEIC = {'h', 'e', 'i', 'c'};

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data == null || data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
