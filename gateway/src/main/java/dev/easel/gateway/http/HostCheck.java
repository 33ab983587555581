package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Serves only requests addressed to this gateway: the {@code Host} must be the listen address,
 * a loopback name at the listen port, {@code EASEL_PUBLIC_URL}'s host, or one listed in
 * {@code EASEL_ALLOWED_HOSTS}, so a DNS-rebinding page cannot read answers. A browser's
 * {@code Origin}, when sent, must name one of those too, so another site's page cannot spend the
 * keys. {@code /healthz} and {@code /readyz} are exempt: probes address pods by IP.
 */
final class HostCheck {

    private final List<Allowed> fixed;
    private final boolean listenLoopbackNames;
    private final String listenHost;
    private final IntSupplier listenPort;
    private final boolean any;

    /** One accepted host; {@code port} -1 accepts any port. */
    record Allowed(String host, int port) {
        boolean matches(String h, int p) {
            return host.equals(h) && (port == -1 || port == p);
        }
    }

    HostCheck(String listenHost, IntSupplier listenPort, String publicUrl, List<String> extra) {
        this.listenHost = bare(listenHost);
        this.listenPort = listenPort;
        this.listenLoopbackNames = isLoopbackOrWildcard(this.listenHost);
        this.any = extra.contains("*");
        List<Allowed> list = new ArrayList<>();
        if (publicUrl != null && !publicUrl.isBlank()) {
            URI u = URI.create(publicUrl);
            if (u.getHost() != null) {
                list.add(new Allowed(bare(u.getHost()), u.getPort() != -1 ? u.getPort() : defaultPort(u.getScheme())));
            }
        }
        for (String e : extra) {
            if (!e.equals("*")) {
                list.add(parse(e));
            }
        }
        this.fixed = List.copyOf(list);
    }

    void check(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (any || "/healthz".equals(path) || "/readyz".equals(path)) {
            ctx.next();
            return;
        }
        HostAndPort authority = ctx.request().authority();
        if (authority == null || !allowed(bare(authority.host()), authority.port() == -1 ? 80 : authority.port())) {
            ErrorResponder.respond(ctx, ApiErrors.hostNotAllowed("This gateway does not answer for that Host; add it to EASEL_ALLOWED_HOSTS if it is yours."));
            return;
        }
        String origin = ctx.request().getHeader("origin");
        if (origin != null && !originAllowed(origin)) {
            ErrorResponder.respond(ctx, ApiErrors.originNotAllowed("Requests from another site's page are refused; add its host to EASEL_ALLOWED_HOSTS if it is yours."));
            return;
        }
        ctx.next();
    }

    boolean allowed(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        int listen = listenPort.getAsInt();
        if (port == listen && (h.equals(listenHost) || listenLoopbackNames
                && (h.equals("localhost") || h.equals("127.0.0.1") || h.equals("::1")))) {
            return true;
        }
        for (Allowed a : fixed) {
            if (a.matches(h, port)) {
                return true;
            }
        }
        return false;
    }

    private boolean originAllowed(String origin) {
        try {
            URI u = new URI(origin.trim());
            if (u.getHost() == null || u.getScheme() == null) {
                return false; // "null" (sandboxed frames, file://) and anything malformed
            }
            return allowed(bare(u.getHost()), u.getPort() != -1 ? u.getPort() : defaultPort(u.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Allowed parse(String hostPort) {
        String s = hostPort.toLowerCase(Locale.ROOT);
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(']') < colon && (s.startsWith("[") || s.indexOf(':') == colon)) {
            return new Allowed(bare(s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1)));
        }
        return new Allowed(bare(s), -1);
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** Lower case, IPv6 brackets removed. */
    private static String bare(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static boolean isLoopbackOrWildcard(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
