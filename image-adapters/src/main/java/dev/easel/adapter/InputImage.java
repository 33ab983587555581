package dev.easel.adapter;

import java.util.Objects;
import java.util.Set;

/**
 * An image sent to the provider with the request (an edit's input or its mask), already
 * checked by magic bytes, converted and sized by the gateway for the route it goes to.
 * Adapters send it the way their provider takes it (a multipart file, base64, a data URI).
 *
 * @param data      the encoded image; never empty
 * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/webp} or {@code image/gif},
 *                  from the bytes, never from what the caller declared
 */
public record InputImage(byte[] data, String mediaType) {

    /** What providers' edit APIs take; anything else is converted before it gets here. */
    public static final Set<String> MEDIA_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/gif");

    public InputImage {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mediaType, "mediaType");
        if (data.length == 0) {
            throw new IllegalArgumentException("an input image must not be empty");
        }
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw new IllegalArgumentException("unsupported input media type '" + mediaType + "', expected one of "
                    + MEDIA_TYPES);
        }
    }

    /** The bytes as a {@code data:} URI, for providers that take images inline in JSON. */
    public String dataUri() {
        return "data:" + mediaType + ";base64," + java.util.Base64.getEncoder().encodeToString(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputImage other && mediaType.equals(other.mediaType)
                && java.util.Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * mediaType.hashCode() + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "InputImage[" + data.length + " bytes, " + mediaType + "]";
    }
}
