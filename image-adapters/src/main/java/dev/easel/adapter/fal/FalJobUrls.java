package dev.easel.adapter.fal;

import java.util.Objects;

/** The URLs fal returns for one queued request; followed as given, never built. */
record FalJobUrls(String requestId, String statusUrl, String responseUrl, String cancelUrl) {

    FalJobUrls {
        Objects.requireNonNull(statusUrl, "statusUrl");
        Objects.requireNonNull(responseUrl, "responseUrl");
    }
}
