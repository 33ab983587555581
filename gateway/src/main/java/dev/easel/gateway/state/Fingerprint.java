package dev.easel.gateway.state;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What makes two requests "the same" for {@code Idempotency-Key}: SHA-256 (hex) of the body
 * with object keys sorted at every level, then of every input part (an edit's images and
 * mask) in order, each prefixed by its name and length so parts cannot run into each other.
 */
public record Fingerprint(String hex) {

    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
    }

    /** The fingerprint of a JSON body alone (key order does not matter). */
    public static Fingerprint of(JsonObject body) {
        return builder(body).build();
    }

    /** Starts with the JSON body; add input bytes with {@link Builder#part}. */
    public static Builder builder(JsonObject body) {
        return new Builder(((JsonObject) canonical(body)).encode());
    }

    /** SHA-256 (hex) of a string, for scoping keys by caller without keeping the caller's secret. */
    public static String sha256(String text) {
        MessageDigest sha = sha256();
        return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Accumulates the parts of one request; not thread-safe. */
    public static final class Builder {
        private final MessageDigest sha = sha256();

        private Builder(String canonicalBody) {
            sha.update(canonicalBody.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds one input (an image, a mask) by its form field name. */
        public Builder part(String name, byte[] bytes) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(12).putInt(n.length).putLong(bytes.length).array());
            sha.update(n);
            sha.update(bytes);
            return this;
        }

        public Fingerprint build() {
            return new Fingerprint(HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // JsonObject and JsonArray iteration wraps nested Maps and Lists, so two cases cover all.
    private static Object canonical(Object value) {
        if (value instanceof JsonObject o) {
            Map<String, Object> sorted = new TreeMap<>();
            o.forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return new JsonObject(sorted);
        }
        if (value instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return value;
    }
}
