package dev.easel.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sums providers' token usage (OpenAI's shape) across the calls of one request. */
final class Usage {

    private Usage() {
    }

    /** Adds {@code more} into {@code into}: numbers are summed, nested objects merged, anything else kept first-wins. */
    @SuppressWarnings("unchecked")
    static void add(Map<String, Object> into, Map<String, Object> more) {
        more.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            Object have = into.get(key);
            if (have instanceof Number a && value instanceof Number b) {
                into.put(key, isIntegral(a) && isIntegral(b) ? (Object) (a.longValue() + b.longValue())
                        : (Object) (a.doubleValue() + b.doubleValue()));
            } else if (value instanceof Map<?, ?> nested) {
                Map<String, Object> merged = have instanceof Map<?, ?> m
                        ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
                add(merged, (Map<String, Object>) nested);
                if (have == null || have instanceof Map<?, ?>) {
                    into.put(key, merged);
                }
            } else if (have == null) {
                into.put(key, value);
            }
        });
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
