package dev.easel.adapter;

import java.time.Duration;
import java.util.Objects;

/**
 * The one failure type adapters produce. The message is Easel's own words plus the
 * provider's error code or type: never the provider's raw body, never a key.
 */
public final class ProviderException extends RuntimeException {

    private final ErrorKind kind;
    private final String provider;
    private final int upstreamStatus;
    private final Duration retryAfter;

    public ProviderException(ErrorKind kind, String provider, int upstreamStatus, String message,
                             Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderException(ErrorKind kind, String provider, int upstreamStatus, String message) {
        this(kind, provider, upstreamStatus, message, null, null);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return kind.code();
    }

    public String provider() {
        return provider;
    }

    /** The upstream HTTP status, or 0 when there was no HTTP answer (connection error). */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** How long the provider asked us to stay away, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
