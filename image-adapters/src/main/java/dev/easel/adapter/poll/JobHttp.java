package dev.easel.adapter.poll;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Small helpers the job-queue adapters share for talking to their provider over HTTP. */
public final class JobHttp {

    private JobHttp() {
    }

    /** The body as a JSON object, or null when it is empty, not JSON or not an object. */
    public static JsonObject jsonObject(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            Object value = Json.decode(body);
            return value instanceof JsonObject o ? o : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    /** Milliseconds left before {@code deadline}; zero or less means it has passed. */
    public static long millisLeft(Clock clock, Instant deadline) {
        return deadline.toEpochMilli() - clock.millis();
    }

    /** The failure for an HTTP call that got no answer: timeouts are TIMEOUT, the rest UNAVAILABLE. */
    public static ProviderException transportError(String provider, String what, Throwable cause) {
        if (cause instanceof ProviderException pe) {
            return pe;
        }
        boolean timeout = cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout");
        // The class name only: messages of connection errors can carry URLs.
        return new ProviderException(timeout ? ErrorKind.TIMEOUT : ErrorKind.UNAVAILABLE, provider, 0,
                provider + ": " + what + " got no answer (" + cause.getClass().getSimpleName() + ")", null, cause);
    }

    /** The merged upstream body: {@code options} (the user's provider_options) win, shallowly. */
    public static JsonObject mergeOptions(JsonObject body, Map<String, Object> options) {
        if (options != null && !options.isEmpty()) {
            body.mergeIn(new JsonObject(Json.copy(options)));
        }
        return body;
    }

    /**
     * Whether a URL the provider handed back (a status or polling URL) may receive the API
     * key: only the configured API origin itself, or, over https, a host of the same
     * provider domain family (BFL answers with regional hosts such as
     * {@code api.eu2.bfl.ai}). Anything else could be a redirect of our key to a stranger.
     */
    public static boolean keyMayGoTo(String baseUrl, String url, Collection<String> families) {
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

    /** Vert.x's JSON codec, without a hard dependency on which JsonObject constructor parses. */
    private static final class Json {
        static Object decode(Buffer body) {
            String text = body.toString().trim();
            if (text.startsWith("{")) {
                return new JsonObject(text);
            }
            if (text.startsWith("[")) {
                return new JsonArray(text);
            }
            return null;
        }

        static Map<String, Object> copy(Map<String, Object> map) {
            return new JsonObject(map).copy().getMap();
        }
    }
}
