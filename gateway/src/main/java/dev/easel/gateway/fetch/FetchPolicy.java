package dev.easel.gateway.fetch;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose image is being fetched and which hosts that provider legitimately serves from.
 *
 * @param provider     provider id, used in error messages
 * @param trustedHosts the provider's base_url host and port plus its media_hosts. An entry is
 *                     {@code host} or {@code host:port} ({@code [::1]:8080} for IPv6); without a
 *                     port it trusts only the standard web ports 80 and 443, so a trusted name
 *                     never opens every other service of that machine. {@code *.fal.media}
 *                     matches any subdomain of fal.media (not fal.media itself). Only these
 *                     hosts may resolve to internal addresses, so a self-hosted provider on a
 *                     private network still works.
 */
public record FetchPolicy(String provider, Set<String> trustedHosts) {

    public FetchPolicy {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(trustedHosts, "trustedHosts");
        trustedHosts = trustedHosts.stream()
                .map(h -> Objects.requireNonNull(h, "trusted host").trim())
                .filter(h -> !h.isEmpty())
                .map(h -> Entry.parse(h).toString())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A provider that trusts no host: every internal address is refused. */
    public static FetchPolicy untrusted(String provider) {
        return new FetchPolicy(provider, Set.of());
    }

    /** Whether {@code host} (as written in a URL) on {@code port} (the URL's effective port) is trusted. */
    public boolean trusts(String host, int port) {
        String h = SsrfGuard.normalizeHost(host);
        return entries().stream().anyMatch(e -> e.matches(h, port));
    }

    private List<Entry> entries() {
        return trustedHosts.stream().map(Entry::parse).toList();
    }

    @Override
    public String toString() {
        return "FetchPolicy[provider=" + provider + ", trustedHosts=" + trustedHosts.stream().sorted().collect(Collectors.toList()) + "]";
    }

    /** One trusted host pattern; {@code port} -1 means the standard ports 80 and 443. */
    private record Entry(String host, int port) {

        static Entry parse(String text) {
            String t = text.trim();
            int port = -1;
            String host = t;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close > 0 && close + 1 < t.length() && t.charAt(close + 1) == ':') {
                    port = port(t.substring(close + 2), text);
                    host = t.substring(0, close + 1);
                }
            } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') > 0) {
                // One colon: host:port. Several colons without brackets: a bare IPv6 literal.
                port = port(t.substring(t.indexOf(':') + 1), text);
                host = t.substring(0, t.indexOf(':'));
            }
            return new Entry(SsrfGuard.normalizeHost(host), port);
        }

        private static int port(String digits, String entry) {
            try {
                int p = Integer.parseInt(digits);
                if (p >= 1 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("trusted host '" + entry + "' has an invalid port");
        }

        boolean matches(String h, int urlPort) {
            boolean portOk = port == -1 ? urlPort == 80 || urlPort == 443 : port == urlPort;
            if (!portOk) {
                return false;
            }
            if (host.startsWith("*.")) {
                String suffix = host.substring(1); // ".fal.media"
                return h.length() > suffix.length() && h.endsWith(suffix);
            }
            return host.equals(h);
        }

        @Override
        public String toString() {
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return port == -1 ? h : h + ":" + port;
        }
    }
}
