package dev.easel.gateway.http;

/**
 * Bounds on an edit request, checked while it is read, before any decoding.
 *
 * @param maxPixels     width x height above which an input image or mask is refused ({@code EASEL_MAX_PIXELS})
 * @param maxInputBytes one input image or mask ({@code EASEL_MAX_INPUT_BYTES})
 * @param maxBodyBytes  the whole multipart body ({@code EASEL_MAX_EDIT_BODY_BYTES})
 */
public record EditLimits(long maxPixels, long maxInputBytes, long maxBodyBytes) {

    public EditLimits {
        if (maxPixels <= 0 || maxInputBytes <= 0 || maxBodyBytes <= 0) {
            throw new IllegalArgumentException("edit limits must be positive");
        }
    }
}
