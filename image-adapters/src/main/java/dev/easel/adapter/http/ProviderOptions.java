package dev.easel.adapter.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The user's {@code provider_options} merged into an upstream JSON body, last, so they win.
 *
 * <p>Objects merge key by key, everything else is replaced: provider_options
 * {@code {"generationConfig": {"temperature": 0.4}}} must add to the generationConfig Easel
 * wrote for Gemini, not wipe out its aspect ratio. For the other providers' bodies, which
 * are flat or whose only nested object is a size, this is the same as replacing each key.
 */
public final class ProviderOptions {

    private ProviderOptions() {
    }

    /** Merges {@code options} into {@code body} and returns {@code body}. */
    public static JsonObject merge(JsonObject body, Map<String, Object> options) {
        if (options != null && !options.isEmpty()) {
            // A deep copy: the body must not share (and later mutate) the caller's maps.
            deepMerge(body, new JsonObject(options).copy());
        }
        return body;
    }

    private static void deepMerge(JsonObject target, JsonObject extra) {
        for (Map.Entry<String, Object> entry : extra) {
            if (target.getValue(entry.getKey()) instanceof JsonObject mine && entry.getValue() instanceof JsonObject theirs) {
                deepMerge(mine, theirs);
            } else {
                target.put(entry.getKey(), entry.getValue());
            }
        }
    }
}
