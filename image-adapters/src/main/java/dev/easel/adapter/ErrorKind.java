package dev.easel.adapter;

/**
 * The stable classes of provider failure. {@code failover} says whether another route may
 * be tried; the user's own errors (invalid input, content policy) never fail over.
 */
public enum ErrorKind {
    RATE_LIMITED("rate_limited", 429, true),
    UNAVAILABLE("provider_unavailable", 502, true),
    TIMEOUT("upstream_timeout", 504, true),
    NO_IMAGE("no_image", 502, true),
    INVALID_IMAGE("invalid_image", 502, true),
    /** The provider refused Easel's key: a gateway configuration problem, not the user's. */
    AUTH("provider_auth_failed", 502, true),
    /** Credits or quota exhausted: waiting will not help, another provider might. */
    QUOTA("provider_quota_exhausted", 502, true),
    /** Any other unexpected upstream answer. */
    UPSTREAM("provider_error", 502, true),
    CONTENT_POLICY("content_policy_violation", 400, false),
    INVALID_REQUEST("invalid_request", 400, false);

    private final String code;
    private final int httpStatus;
    private final boolean failover;

    ErrorKind(String code, int httpStatus, boolean failover) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.failover = failover;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean failover() {
        return failover;
    }
}
