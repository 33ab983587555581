package dev.easel.adapter;

import java.util.Objects;

/**
 * A preview of one image, streamed before the image itself is ready (OpenAI's
 * {@code partial_image} events, the coarser renderings of {@code test-pattern}). A preview is
 * never the answer: the gateway forwards it to a streaming client and forgets it.
 *
 * @param imageIndex   which image of this call it previews (0-based, in the call's order)
 * @param partialIndex its rank among that image's previews (0-based)
 * @param data         the encoded image; its format is sniffed by the gateway, not trusted
 * @param mediaType    the provider's claim, or null
 */
public record PartialImage(int imageIndex, int partialIndex, byte[] data, String mediaType) {

    public PartialImage {
        Objects.requireNonNull(data, "data");
        if (imageIndex < 0 || partialIndex < 0) {
            throw new IllegalArgumentException("indexes must be >= 0");
        }
    }

    @Override
    public String toString() {
        return "PartialImage[" + imageIndex + "." + partialIndex + ", " + data.length + " bytes]";
    }
}
