package dev.easel.gateway.job;

import dev.easel.adapter.InputImage;
import java.util.List;

/**
 * An edit's images and mask as one route takes them: converted, scaled to its limits, the
 * mask in its convention at the first image's size.
 *
 * @param mask   null when the request has none
 * @param report null when the request has no mask
 */
public record PreparedInputs(List<InputImage> images, InputImage mask, MaskReport report) {

    /** A generation's: nothing to send. */
    public static final PreparedInputs NONE = new PreparedInputs(List.of(), null, null);

    public PreparedInputs {
        images = List.copyOf(images);
    }
}
