package dev.easel.gateway.catalog;

import dev.easel.adapter.size.SizeStyle;
import dev.easel.media.ImageFormat;
import java.util.Objects;
import java.util.Set;

/**
 * A route's {@code edit:} block: that it edits, and what it takes.
 *
 * @param model           the provider's own model id for edits, or null when it is the route's
 * @param maxInputImages  how many input images one call takes
 * @param mask            the mask convention it reads, or {@link MaskConvention#NONE}
 * @param size            how it takes its size when editing, or null for the route's own
 * @param maxInputPixels  inputs above this are scaled down before they are sent
 * @param inputFormats    formats it takes; others are converted (to PNG where it takes PNG)
 */
public record EditSupport(String model, int maxInputImages, MaskConvention mask, SizeStyle size,
                          long maxInputPixels, Set<ImageFormat> inputFormats) {

    /** About 4 MP: more than any provider's output, so detail is kept and uploads stay small. */
    public static final long DEFAULT_MAX_INPUT_PIXELS = 4_194_304;

    public EditSupport {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(inputFormats, "inputFormats");
        if (maxInputImages < 1) {
            throw new IllegalArgumentException("max_input_images must be >= 1");
        }
        if (maxInputPixels < 4096) {
            throw new IllegalArgumentException("max_input_pixels must be >= 4096");
        }
        if (inputFormats.isEmpty()) {
            throw new IllegalArgumentException("input_formats must not be empty");
        }
        inputFormats = Set.copyOf(inputFormats);
    }

    public boolean takesMask() {
        return mask != MaskConvention.NONE;
    }
}
