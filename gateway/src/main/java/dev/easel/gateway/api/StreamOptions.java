package dev.easel.gateway.api;

import dev.easel.adapter.PartialImages;
import io.vertx.core.json.JsonObject;

/**
 * {@code stream} and {@code partial_images}, as JSON values or as the strings a multipart
 * form carries ({@code stream=true}, {@code partial_images=2}). Kept apart from the job: how
 * an answer is written is not what the job is.
 *
 * @param partialImages previews per image, 0 to {@link PartialImages#MAX}; 0 unless streaming
 */
public record StreamOptions(boolean stream, int partialImages) {

    public static final StreamOptions NONE = new StreamOptions(false, 0);

    public StreamOptions {
        if (partialImages < 0 || partialImages > PartialImages.MAX) {
            throw new IllegalArgumentException("partialImages must be within 0.." + PartialImages.MAX);
        }
    }

    /** From a JSON body; 400 naming the field when a value is of the wrong kind or out of range. */
    public static StreamOptions of(JsonObject body) {
        return of(body.getValue("stream"), body.getValue("partial_images"));
    }

    /** From raw values: JSON booleans and integers, or their form-field strings; null when absent. */
    public static StreamOptions of(Object stream, Object partialImages) {
        boolean streaming;
        if (stream == null) {
            streaming = false;
        } else if (stream instanceof Boolean b) {
            streaming = b;
        } else if (stream instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            streaming = s.equalsIgnoreCase("true");
        } else {
            throw ApiErrors.invalid("stream", "'stream' must be true or false.");
        }
        int partials = partials(partialImages);
        return new StreamOptions(streaming, streaming ? partials : 0);
    }

    private static int partials(Object value) {
        long n;
        if (value == null) {
            return 0;
        } else if (value instanceof Integer || value instanceof Long) {
            n = ((Number) value).longValue();
        } else if (value instanceof String s && s.matches("\\d{1,2}")) {
            n = Long.parseLong(s);
        } else {
            throw ApiErrors.invalid("partial_images", "'partial_images' must be an integer from 0 to "
                    + PartialImages.MAX + ".");
        }
        if (n < 0 || n > PartialImages.MAX) {
            throw ApiErrors.invalid("partial_images", "'partial_images' must be an integer from 0 to "
                    + PartialImages.MAX + ".");
        }
        return (int) n;
    }
}
