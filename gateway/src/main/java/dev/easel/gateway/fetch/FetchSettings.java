package dev.easel.gateway.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for downloading provider images.
 *
 * @param maxBytes       largest body accepted; a bigger Content-Length is refused up front and
 *                       a streamed body is cut off as soon as it passes the cap
 * @param connectTimeout TCP (and TLS) connect limit
 * @param readTimeout    longest wait for the next byte on an open connection
 * @param maxRedirects   redirects followed, each one checked like the first URL
 */
public record FetchSettings(long maxBytes, Duration connectTimeout, Duration readTimeout, int maxRedirects) {

    public FetchSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("fetch timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0, was " + maxRedirects);
        }
    }

    /** 50 MB, 10 s connect, 30 s read, 3 redirects. */
    public static FetchSettings defaults() {
        return new FetchSettings(50L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 3);
    }
}
