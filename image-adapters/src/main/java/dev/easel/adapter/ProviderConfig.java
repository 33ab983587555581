package dev.easel.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One provider entry of the catalog, after interpolation and validation.
 *
 * @param id          the catalog provider id ({@code fal}, {@code my-together})
 * @param adapter     the adapter name ({@code fal}, {@code openai-compatible})
 * @param baseUrl     the API base URL without a trailing slash; null for built-in providers
 * @param apiKey      the secret; empty when not configured. Never log or echo it.
 * @param mediaHosts  hosts the provider's image URLs come from (SSRF allow-list)
 * @param poll        polling cadence for job-queue providers
 * @param timeout     overall deadline for one request on this provider
 * @param options     adapter-specific settings from the catalog (free-form)
 */
public record ProviderConfig(
        String id,
        String adapter,
        String baseUrl,
        String apiKey,
        List<String> mediaHosts,
        PollSettings poll,
        Duration timeout,
        Map<String, Object> options) {

    public ProviderConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(adapter, "adapter");
        apiKey = apiKey == null ? "" : apiKey;
        mediaHosts = mediaHosts == null ? List.of() : List.copyOf(mediaHosts);
        poll = poll == null ? PollSettings.DEFAULT : poll;
        Objects.requireNonNull(timeout, "timeout");
        options = options == null ? Map.of() : Map.copyOf(options);
        if (baseUrl != null && baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    public boolean hasApiKey() {
        return !apiKey.isBlank();
    }

    /** The host of {@link #baseUrl()}, or null. */
    public String baseHost() {
        return baseUrl == null ? null : URI.create(baseUrl).getHost();
    }

    /** Hides the key: records print every component otherwise. */
    @Override
    public String toString() {
        return "ProviderConfig[id=" + id + ", adapter=" + adapter + ", baseUrl=" + baseUrl
                + ", apiKey=" + (hasApiKey() ? "***" : "") + "]";
    }
}
