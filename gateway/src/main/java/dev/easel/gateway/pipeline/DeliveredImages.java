package dev.easel.gateway.pipeline;

import dev.easel.gateway.job.ImageJob;
import dev.easel.gateway.job.ProcessedImage;
import dev.easel.gateway.routing.ImageJobResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A finished job ready to be written, whatever the answer's shape (one JSON
 * {@code ImagesResponse} or a stream of events): its images, their links where they were
 * hosted, and the time the answer was made.
 *
 * @param urls    one link per image, or null when the answer carries no links ({@code b64_json})
 * @param created epoch seconds
 */
public record DeliveredImages(ImageJobResult result, ImageJob job, List<String> urls, long created) {

    public DeliveredImages {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(job, "job");
        urls = urls == null ? null : Collections.unmodifiableList(new ArrayList<>(urls));
        if (urls != null && urls.size() != result.images().size()) {
            throw new IllegalArgumentException("one url per image");
        }
    }

    public List<ProcessedImage> images() {
        return result.images();
    }

    /** The image's link, or null when it is answered as base64. */
    public String url(int index) {
        return urls == null ? null : urls.get(index);
    }

    /** Whether the JSON answer carries {@code b64_json} ({@code b64_json} asked, or no format named). */
    public boolean base64() {
        return job.responseFormat().carriesBase64();
    }
}
