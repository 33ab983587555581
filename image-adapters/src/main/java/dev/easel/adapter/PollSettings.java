package dev.easel.adapter;

import java.time.Duration;
import java.util.Objects;

/**
 * How a job-queue provider is polled: start at {@code initial}, multiply by
 * {@code multiplier} after each pending answer, never wait longer than {@code max}
 * (a provider's {@code Retry-After} may still ask for longer).
 */
public record PollSettings(Duration initial, Duration max, double multiplier) {

    public static final PollSettings DEFAULT =
            new PollSettings(Duration.ofMillis(250), Duration.ofSeconds(2), 1.5);

    public PollSettings {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("poll initial interval must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("poll max interval must be >= initial");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("poll multiplier must be >= 1");
        }
    }
}
