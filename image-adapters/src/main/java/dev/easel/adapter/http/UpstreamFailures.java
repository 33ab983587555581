package dev.easel.adapter.http;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import java.util.concurrent.TimeoutException;

/** The failures every adapter raises the same way, whatever the provider. */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /**
     * An HTTP call that got no answer: timeouts (the call's own, or a connect timeout) are
     * TIMEOUT, the rest (refused, reset, DNS) UNAVAILABLE; both are worth trying elsewhere.
     * A failure that is already a {@link ProviderException} is kept as it is.
     *
     * @param what the step that failed, for the message ({@code "submitting the task"})
     */
    public static ProviderException noAnswer(String provider, String what, Throwable cause) {
        if (cause instanceof ProviderException known) {
            return known;
        }
        boolean timeout = cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout");
        // The class name only: messages of connection errors can carry URLs.
        return new ProviderException(timeout ? ErrorKind.TIMEOUT : ErrorKind.UNAVAILABLE, provider, 0,
                provider + ": " + what + " got no answer (" + cause.getClass().getSimpleName() + ")", null, cause);
    }

    /**
     * A 2xx answer Easel failed to read for a reason the response mapper did not foresee.
     * A {@link ProviderException} the mapper raised on purpose is kept as it is.
     *
     * @param what what the provider should have answered ({@code "an ImagesResponse"})
     */
    public static ProviderException unreadable(String provider, int status, String what, Throwable cause) {
        if (cause instanceof ProviderException known) {
            return known;
        }
        // The cause stays attached for the log; its message may quote the body, so it is not repeated.
        return new ProviderException(ErrorKind.UPSTREAM, provider, status,
                provider + " answered " + what + " Easel cannot read", null, cause);
    }
}
