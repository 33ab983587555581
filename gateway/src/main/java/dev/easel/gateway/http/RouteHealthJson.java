package dev.easel.gateway.http;

import dev.easel.gateway.routing.RouteHealth;
import java.util.LinkedHashMap;
import java.util.Map;

/** A route's circuit as served by {@code /readyz} and {@code GET /v1/models/{id}}. */
public final class RouteHealthJson {

    private RouteHealthJson() {
    }

    public static Map<String, Object> of(RouteHealth.Snapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", s.state().name().toLowerCase());
        out.put("available", s.available());
        out.put("consecutive_failures", s.consecutiveFailures());
        out.put("recent_calls", s.recentCalls());
        out.put("recent_failures", s.recentFailures());
        out.put("cooldown_until", s.cooldownUntil() == null ? null : s.cooldownUntil().toString());
        return out;
    }

    /** Every route that has been called, by slug. */
    public static Map<String, Object> all(RouteHealth health) {
        Map<String, Object> out = new LinkedHashMap<>();
        health.snapshot().forEach((slug, s) -> out.put(slug, of(s)));
        return out;
    }
}
