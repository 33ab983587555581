package dev.easel.adapter.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading upstream bodies that should be JSON objects. Providers answer HTML error pages,
 * empty bodies and arrays often enough that "not an object" is an answer, not an exception.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON object, or null when it is empty, not JSON or not an object. */
    public static JsonObject object(String body) {
        if (body == null) {
            return null;
        }
        String text = body.trim();
        // Cheap pre-check: an HTML error page should not cost a parser exception.
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException notJson) {
            return null;
        }
    }

    /** As {@link #object(String)}, for a body still in a buffer. */
    public static JsonObject object(Buffer body) {
        return body == null || body.length() == 0 ? null : object(body.toString());
    }

    /** As {@link #object(String)}, for a body read as bytes (UTF-8, as JSON must be). */
    public static JsonObject object(byte[] body) {
        return body == null || body.length == 0 ? null : object(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * The object as a plain map without null values: {@code AdapterResult} copies maps with
     * {@code Map.copyOf}, which refuses nulls.
     */
    public static Map<String, Object> withoutNulls(JsonObject json) {
        Map<String, Object> out = new LinkedHashMap<>();
        json.getMap().forEach((k, v) -> {
            if (v != null) {
                out.put(k, v instanceof JsonObject o ? o.getMap() : v instanceof JsonArray a ? a.getList() : v);
            }
        });
        return out;
    }
}
