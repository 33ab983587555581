package dev.easel.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code x-request-id} on every response (errors
 * included). A caller's own id is kept when it is short and plain, so traces line up.
 */
public final class RequestIds {

    static final String KEY = "easel.requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    public static void assign(RoutingContext ctx) {
        String incoming = ctx.request().getHeader("x-request-id");
        String id = incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : newId();
        ctx.put(KEY, id);
        ctx.response().putHeader("x-request-id", id);
        ctx.next();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "unknown" : id;
    }

    static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "req_" + HexFormat.of().formatHex(b);
    }
}
