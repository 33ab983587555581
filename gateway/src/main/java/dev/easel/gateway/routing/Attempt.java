package dev.easel.gateway.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One upstream call as reported in {@code metadata.attempts}, in the order the calls started.
 *
 * @param provider the catalog provider id
 * @param model    the provider's own model id
 * @param status   {@code succeeded} or {@code failed}
 * @param code     the error code when failed ({@code rate_limited}, {@code upstream_timeout},
 *                 {@code abandoned} when another part's failure or the client ended the request), else null
 */
public record Attempt(String provider, String model, String status, String code, long latencyMs) {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    /** The JSON shape of {@code metadata.attempts[]}, snake_case, null code left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", provider);
        m.put("model", model);
        m.put("status", status);
        if (code != null) {
            m.put("code", code);
        }
        m.put("latency_ms", latencyMs);
        return m;
    }
}
