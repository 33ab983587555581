package dev.easel.media;

import java.util.Objects;

/**
 * @param untouched    true when {@code data} is the caller's own input array, returned as is
 * @param resizeFactor the scale applied before cropping, null when the image was not resized
 */
public record TranscodeResult(byte[] data, ImageFormat format, int width, int height,
                              boolean untouched, Double resizeFactor) {
    public TranscodeResult {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
    }
}
