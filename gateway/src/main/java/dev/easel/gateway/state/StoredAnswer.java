package dev.easel.gateway.state;

import io.vertx.core.buffer.Buffer;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A rendered generation answer as kept for {@code Idempotency-Key} replays: the headers that
 * describe it and the body (the JSON answer, or a streamed request's completed events),
 * replayed byte for byte.
 *
 * @param cost what the generation cost, for the access log of the request that paid it; an
 *             answer read back from Redis says zero, as replaying it costs nothing
 */
public record StoredAnswer(String provider, String model, int attempts, BigDecimal cost, Buffer body) {

    public StoredAnswer {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(body, "body");
    }

    /** An answer whose cost is not known here (replayed from another replica). */
    public StoredAnswer(String provider, String model, int attempts, Buffer body) {
        this(provider, model, attempts, BigDecimal.ZERO, body);
    }

    /** What keeping it costs, roughly: the body plus the small fields and object headers. */
    public long bytes() {
        return body.length() + 2L * (provider.length() + model.length()) + 128;
    }
}
