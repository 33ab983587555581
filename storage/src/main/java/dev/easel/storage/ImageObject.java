package dev.easel.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One generated image ready to be hosted.
 *
 * <p>{@code data} is not copied: images are megabytes and the pipeline hands them over once,
 * so a defensive copy would only double the memory held per request. Callers must not mutate
 * the array after handing it to a store.
 */
public record ImageObject(String requestId, int index, String extension, String contentType,
                          byte[] data, Instant createdAt) {

    private static final Set<String> EXTENSIONS = Set.of("png", "jpeg", "webp");

    public ImageObject {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(createdAt, "createdAt");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (!EXTENSIONS.contains(extension)) {
            throw new IllegalArgumentException("extension must be one of " + EXTENSIONS + ", was '" + extension + "'");
        }
    }
}
