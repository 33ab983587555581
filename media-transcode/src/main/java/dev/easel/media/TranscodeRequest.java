package dev.easel.media;

import java.util.Objects;

/**
 * What the caller wants back.
 *
 * @param target      output format
 * @param quality     0..100 for JPEG/WebP, null for the default (90); for WebP exactly 100 means
 *                    lossless; ignored for PNG
 * @param exactWidth  with {@code exactHeight}: scale to cover and centre-crop to exactly this size;
 *                    both null for the native size
 * @param exactHeight see {@code exactWidth}
 */
public record TranscodeRequest(ImageFormat target, Integer quality, Integer exactWidth, Integer exactHeight) {

    public TranscodeRequest {
        Objects.requireNonNull(target, "target");
        if (quality != null && (quality < 0 || quality > 100)) {
            throw new IllegalArgumentException("quality must be 0..100, was " + quality);
        }
        if ((exactWidth == null) != (exactHeight == null)) {
            throw new IllegalArgumentException("exactWidth and exactHeight must both be set or both be null");
        }
        if (exactWidth != null && (exactWidth <= 0 || exactHeight <= 0)) {
            throw new IllegalArgumentException("exact size must be positive, was " + exactWidth + "x" + exactHeight);
        }
    }

    public static TranscodeRequest to(ImageFormat target) {
        return new TranscodeRequest(target, null, null, null);
    }

    public static TranscodeRequest to(ImageFormat target, Integer quality) {
        return new TranscodeRequest(target, quality, null, null);
    }

    public boolean hasExactSize() {
        return exactWidth != null;
    }
}
