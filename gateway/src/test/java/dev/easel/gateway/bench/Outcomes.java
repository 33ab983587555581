package dev.easel.gateway.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How requests ended, counted by kind: {@code 200}, {@code 503 server_busy} (status and the
 * error envelope's {@code code}), or {@code client: <what>} for a request that got no answer.
 */
final class Outcomes {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void answered(int status, Buffer body) {
        add(status == 200 ? "200" : status + " " + errorCode(body));
    }

    void failed(Throwable cause) {
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        add("client: " + (what.length() > 80 ? what.substring(0, 80) : what));
    }

    void add(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long count(String kind) {
        LongAdder n = counts.get(kind);
        return n == null ? 0 : n.sum();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String describe() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((kind, n) -> out.append(out.length() == 0 ? "" : ", ").append(kind)
                .append(": ").append(n.sum()));
        return out.toString();
    }

    private static String errorCode(Buffer body) {
        try {
            JsonObject error = new JsonObject(body).getJsonObject("error");
            return error == null ? "(no error envelope)" : String.valueOf(error.getValue("code"));
        } catch (RuntimeException notJson) {
            return "(not JSON)";
        }
    }
}
