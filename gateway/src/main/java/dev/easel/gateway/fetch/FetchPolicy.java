package dev.easel.gateway.fetch;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose image is being fetched and which hosts that provider legitimately serves from.
 *
 * @param provider     provider id, used in error messages
 * @param trustedHosts the provider's base_url host plus its media_hosts; an entry
 *                     {@code *.fal.media} matches any subdomain of fal.media (not fal.media
 *                     itself). Only these hosts may resolve to internal addresses, so a
 *                     self-hosted provider on a private network still works.
 */
public record FetchPolicy(String provider, Set<String> trustedHosts) {

    public FetchPolicy {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(trustedHosts, "trustedHosts");
        trustedHosts = trustedHosts.stream()
                .map(h -> SsrfGuard.normalizeHost(Objects.requireNonNull(h, "trusted host")))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A provider that trusts no host: every internal address is refused. */
    public static FetchPolicy untrusted(String provider) {
        return new FetchPolicy(provider, Set.of());
    }

    /** Whether {@code host} (as written in a URL) is one of the trusted hosts. */
    public boolean trusts(String host) {
        String h = SsrfGuard.normalizeHost(host);
        for (String entry : trustedHosts) {
            if (entry.startsWith("*.")) {
                String suffix = entry.substring(1); // ".fal.media"
                if (h.length() > suffix.length() && h.endsWith(suffix)) {
                    return true;
                }
            } else if (entry.equals(h)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "FetchPolicy[provider=" + provider + ", trustedHosts=" + trustedHosts.stream().sorted().collect(Collectors.toList()) + "]";
    }
}
