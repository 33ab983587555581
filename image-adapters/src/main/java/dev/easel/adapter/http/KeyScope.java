package dev.easel.adapter.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/**
 * Where a provider's API key may be sent. Providers hand back URLs (status, polling,
 * cancel); following one with the key attached must never leak the key to a stranger.
 */
public final class KeyScope {

    private KeyScope() {
    }

    /**
     * Whether {@code url} may receive the key: only the configured API origin itself, or,
     * over https, a host of the same provider domain family (BFL answers with regional
     * hosts such as {@code api.eu2.bfl.ai}). Anything else could be a redirect of our key
     * to a stranger.
     */
    public static boolean allows(String baseUrl, String url, Collection<String> families) {
        if (baseUrl == null || url == null) {
            return false;
        }
        URI base;
        URI target;
        try {
            base = new URI(baseUrl);
            target = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = lower(target.getScheme());
        String host = lower(target.getHost());
        String baseHost = lower(base.getHost());
        if (host == null || baseHost == null || !("https".equals(scheme) || "http".equals(scheme))) {
            return false;
        }
        if ("https".equals(lower(base.getScheme())) && !"https".equals(scheme)) {
            return false; // never downgrade the key to plain text
        }
        if (host.equals(baseHost) && scheme.equals(lower(base.getScheme())) && port(target) == port(base)) {
            return true;
        }
        if (!"https".equals(scheme)) {
            return false;
        }
        for (String family : families) {
            String f = family.toLowerCase(Locale.ROOT);
            if (inDomain(host, f) && inDomain(baseHost, f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inDomain(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
