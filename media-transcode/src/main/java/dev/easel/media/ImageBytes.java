package dev.easel.media;

import java.util.Objects;

/**
 * Encoded PNG, JPEG or WebP bytes with the size their header declares: a caller's edit input
 * between parsing and sending (a GIF has already become its first frame as PNG).
 */
public record ImageBytes(byte[] data, ImageFormat format, int width, int height) {

    public ImageBytes {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("an input image has positive sides, got " + width + "x" + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }
}
