package dev.easel.gateway.api;

import dev.easel.adapter.PartialImages;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

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

    /** From a JSON body, strictly: a boolean and an integer; 400 naming the field otherwise. */
    public static StreamOptions of(JsonObject body) {
        Object stream = body.getValue("stream");
        if (stream != null && !(stream instanceof Boolean)) {
            throw ApiErrors.invalid("stream", "'stream' must be true or false.");
        }
        Object partials = body.getValue("partial_images");
        long n = 0;
        if (partials instanceof Integer || partials instanceof Long) {
            n = ((Number) partials).longValue();
        } else if (partials instanceof BigInteger big) {
            n = big.bitLength() < 32 ? big.longValue() : -1;
        } else if (partials != null) {
            throw badPartials();
        }
        return of(Boolean.TRUE.equals(stream), n);
    }

    /** From multipart form values ({@code stream=true}, {@code partial_images=2}); null when absent. */
    public static StreamOptions ofForm(String stream, String partialImages) {
        if (stream != null && !stream.equals("true") && !stream.equals("false")) {
            throw ApiErrors.invalid("stream", "'stream' must be true or false.");
        }
        if (partialImages != null && !partialImages.matches("\\d{1,2}")) {
            throw badPartials();
        }
        return of("true".equals(stream), partialImages == null ? 0 : Long.parseLong(partialImages));
    }

    private static StreamOptions of(boolean stream, long partials) {
        if (partials < 0 || partials > PartialImages.MAX) {
            throw badPartials();
        }
        return new StreamOptions(stream, stream ? (int) partials : 0);
    }

    private static ApiException badPartials() {
        return ApiErrors.invalid("partial_images", "'partial_images' must be an integer from 0 to "
                + PartialImages.MAX + ".");
    }
}
