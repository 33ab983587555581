package dev.easel.adapter;

/**
 * The stable classes of provider failure. {@code failover} says whether another route may
 * be tried; the user's own errors (invalid input, content policy) never fail over. Kinds
 * carry no HTTP status: adapters know nothing of Easel's HTTP answers, which the gateway's
 * HTTP edge decides ({@code ErrorResponder}).
 */
public enum ErrorKind {
    RATE_LIMITED("rate_limited", true),
    UNAVAILABLE("provider_unavailable", true),
    TIMEOUT("upstream_timeout", true),
    NO_IMAGE("no_image", true),
    INVALID_IMAGE("invalid_image", true),
    /** The provider refused Easel's key: a gateway configuration problem, not the user's. */
    AUTH("provider_auth_failed", true),
    /** Credits or quota exhausted: waiting will not help, another provider might. */
    QUOTA("provider_quota_exhausted", true),
    /** Any other unexpected upstream answer. */
    UPSTREAM("provider_error", true),
    CONTENT_POLICY("content_policy_violation", false),
    INVALID_REQUEST("invalid_request", false);

    private final String code;
    private final boolean failover;

    ErrorKind(String code, boolean failover) {
        this.code = code;
        this.failover = failover;
    }

    public String code() {
        return code;
    }

    public boolean failover() {
        return failover;
    }
}
