package dev.easel.adapter.poll;

import dev.easel.adapter.ProviderException;
import java.time.Duration;
import java.util.Objects;

/**
 * What one status check of an upstream job found. A check that could not be made at all
 * (connection error, 5xx, 429 on the status call) is not a step: the check's future fails
 * instead, and {@link JobPoller} retries it a bounded number of times.
 */
public sealed interface PollStep<T> {

    /** Still queued or running; {@code retryAfter} is the provider's hint, or null. */
    record Pending<T>(Duration retryAfter) implements PollStep<T> {
    }

    /** Finished with a result. */
    record Completed<T>(T value) implements PollStep<T> {
        public Completed {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Finished without a result: the job itself failed (model error, moderation via
     * {@link dev.easel.adapter.ErrorKind#CONTENT_POLICY}). Never retried by the poller.
     */
    record Failed<T>(ProviderException error) implements PollStep<T> {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    static <T> PollStep<T> pending() {
        return new Pending<>(null);
    }

    static <T> PollStep<T> pending(Duration retryAfter) {
        return new Pending<>(retryAfter);
    }

    static <T> PollStep<T> completed(T value) {
        return new Completed<>(value);
    }

    static <T> PollStep<T> failed(ProviderException error) {
        return new Failed<>(error);
    }
}
