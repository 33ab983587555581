package dev.easel.gateway.job;

import dev.easel.adapter.size.Dim;
import dev.easel.media.ImageFormat;
import java.util.Objects;

/**
 * One image ready to deliver: bytes in the requested format, checked by magic bytes.
 *
 * @param format        from the bytes, not from any header
 * @param dims          actual pixel size
 * @param passThroughUrl the provider's own URL when {@code EASEL_REHOST=when_needed} and the
 *                      bytes were not changed; null otherwise
 * @param resizeFactor  the scale applied by {@code size_mode: exact}, or null if none
 */
public record ProcessedImage(byte[] data, ImageFormat format, Dim dims, String revisedPrompt, String passThroughUrl,
                             Double resizeFactor) {

    public ProcessedImage {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dims, "dims");
    }

    @Override
    public String toString() {
        return "ProcessedImage[" + data.length + " bytes, " + format + ", " + dims + "]";
    }
}
