package dev.easel.gateway.http;

import dev.easel.gateway.routing.Attempt;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the access line reports about one request beyond method, path and status; filled in
 * by the handlers as they learn it, read once by {@link AccessLog} when the response ends.
 * Touched only on the request's event loop.
 */
final class AccessFields {

    private static final String KEY = "easel.access";

    String model;
    Integer n;
    String prompt;
    String provider;
    Integer attempts;
    BigDecimal cost;
    String code;
    List<Attempt> tried = List.of();

    /** The request's fields, or a detached instance when no access log is mounted (handler tests). */
    static AccessFields of(RoutingContext ctx) {
        AccessFields fields = ctx.get(KEY);
        return fields == null ? new AccessFields() : fields;
    }

    static AccessFields attach(RoutingContext ctx) {
        AccessFields fields = new AccessFields();
        ctx.put(KEY, fields);
        return fields;
    }

    /** What was asked, once the body parsed. */
    static void asked(RoutingContext ctx, String model, int n, String prompt) {
        AccessFields f = of(ctx);
        f.model = model;
        f.n = n;
        f.prompt = prompt;
    }

    /** Who served it and what it cost. */
    static void served(RoutingContext ctx, String model, String provider, int attempts, BigDecimal cost) {
        AccessFields f = of(ctx);
        f.model = model;
        f.provider = provider;
        f.attempts = attempts;
        f.cost = cost;
    }

    /** An error answer: its code, and the attempts its metadata lists. */
    static void failed(RoutingContext ctx, String code, Map<String, Object> metadata) {
        AccessFields f = of(ctx);
        f.code = code;
        if (metadata.get("attempts") instanceof List<?> list) {
            f.attempts = list.size();
            List<Attempt> tried = new java.util.ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("provider") instanceof String p && m.get("status") instanceof String s) {
                    tried.add(new Attempt(p, String.valueOf(m.get("model")), s, m.get("code") instanceof String c ? c : null,
                            m.get("latency_ms") instanceof Number ms ? ms.longValue() : 0));
                }
            }
            f.tried = tried;
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && "succeeded".equals(m.get("status")) && m.get("provider") instanceof String p) {
                    f.provider = p;
                }
            }
            if (f.provider == null && !list.isEmpty() && list.get(list.size() - 1) instanceof Map<?, ?> last
                    && last.get("provider") instanceof String p) {
                f.provider = p;
            }
        }
    }
}
