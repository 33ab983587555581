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

    /**
     * {@code host:port} of {@link #baseUrl()} with the scheme's port when none is written
     * ({@code queue.fal.run:443}), or null: a provider is trusted on its API's port only,
     * not on every port of its host.
     */
    public String baseHostAndPort() {
        if (baseUrl == null) {
            return null;
        }
        URI uri = URI.create(baseUrl);
        if (uri.getHost() == null) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** This config with one more catalog option (replacing any of that name). */
    public ProviderConfig withOption(String key, Object value) {
        Map<String, Object> more = new java.util.HashMap<>(options);
        more.put(key, value);
        return new ProviderConfig(id, adapter, baseUrl, apiKey, mediaHosts, poll, timeout, more);
    }

    /** Hides the key: records print every component otherwise. */
    @Override
    public String toString() {
        return "ProviderConfig[id=" + id + ", adapter=" + adapter + ", baseUrl=" + baseUrl
                + ", apiKey=" + (hasApiKey() ? "***" : "") + "]";
    }
}
