package dev.easel.gateway.fetch;

import java.util.Objects;

/**
 * A downloaded image. {@code contentType} is what the server claimed (never trusted: the
 * pipeline sniffs magic bytes); {@code finalUrl} is the last hop after redirects and may carry
 * signed query tokens, so it must not be logged.
 */
public record FetchedMedia(byte[] data, String contentType, String finalUrl) {

    public FetchedMedia {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(finalUrl, "finalUrl");
    }
}
