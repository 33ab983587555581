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
 * @param totalTimeout   the whole download, redirects included, at most this long (and never past
 *                       the request's own deadline): a host trickling one byte at a time is cut here
 * @param maxPerHost     downloads in flight to one host and port at once; the connection pool
 *                       holds as many, so a queue never forms inside the HTTP client
 * @param queueTimeout   longest wait for one of those slots before the download fails
 */
public record FetchSettings(long maxBytes, Duration connectTimeout, Duration readTimeout, int maxRedirects,
                            Duration totalTimeout, int maxPerHost, Duration queueTimeout) {

    public FetchSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (!positive(connectTimeout) || !positive(readTimeout) || !positive(totalTimeout) || !positive(queueTimeout)) {
            throw new IllegalArgumentException("fetch timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0, was " + maxRedirects);
        }
        if (maxPerHost < 1) {
            throw new IllegalArgumentException("maxPerHost must be >= 1, was " + maxPerHost);
        }
    }

    /** The first four limits, with the defaults for the rest. */
    public FetchSettings(long maxBytes, Duration connectTimeout, Duration readTimeout, int maxRedirects) {
        this(maxBytes, connectTimeout, readTimeout, maxRedirects, DEFAULT_TOTAL, DEFAULT_PER_HOST, DEFAULT_QUEUE);
    }

    /** 60 s for a whole download. */
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(60);
    /** 64 downloads at once per host and port. */
    public static final int DEFAULT_PER_HOST = 64;
    /** 10 s waiting for a slot. */
    public static final Duration DEFAULT_QUEUE = Duration.ofSeconds(10);

    /** 50 MB, 10 s connect, 30 s read, 3 redirects, 60 s in all, 64 per host, 10 s queue. */
    public static FetchSettings defaults() {
        return new FetchSettings(50L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 3);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
