package dev.easel.adapter.http;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;

/** Arithmetic on a request's deadline, with the clock injected so tests can move time. */
public final class Deadlines {

    private Deadlines() {
    }

    /** Milliseconds left before {@code deadline}; zero or less means it has passed. */
    public static long millisLeft(Clock clock, Instant deadline) {
        return deadline.toEpochMilli() - clock.millis();
    }

    /**
     * The milliseconds left for a call that is about to be made, or a TIMEOUT failure when
     * none are: a call with no time left would only fail later, after using a connection.
     *
     * @param before the step that would have been made, for the message ({@code "submitting"})
     */
    public static Future<Long> beforeCall(Clock clock, Instant deadline, String provider, String before) {
        long left = millisLeft(clock, deadline);
        if (left <= 0) {
            return Future.failedFuture(new ProviderException(ErrorKind.TIMEOUT, provider, 0,
                    provider + ": the deadline passed before " + before));
        }
        return Future.succeededFuture(left);
    }
}
