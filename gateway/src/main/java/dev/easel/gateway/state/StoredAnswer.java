package dev.easel.gateway.state;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * A rendered generation answer as kept for {@code Idempotency-Key} replays: the headers that
 * describe it and the JSON body, replayed byte for byte.
 */
public record StoredAnswer(String provider, String model, int attempts, Buffer body) {

    public StoredAnswer {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(body, "body");
    }

    /** What keeping it costs, roughly: the body plus the small fields and object headers. */
    public long bytes() {
        return body.length() + 2L * (provider.length() + model.length()) + 128;
    }
}
