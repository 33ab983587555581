package dev.easel.adapter.http;

import dev.easel.adapter.ErrorKind;

/**
 * The default reading of an upstream HTTP status, for answers a provider's own error body
 * does not classify more precisely.
 */
public final class StatusKinds {

    private StatusKinds() {
    }

    public static ErrorKind of(int status) {
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status == 401 || status == 403) {
            return ErrorKind.AUTH;
        }
        if (status == 402) {
            return ErrorKind.QUOTA;
        }
        if (status == 408 || status == 504) {
            return ErrorKind.TIMEOUT;
        }
        if (status == 400 || status == 413 || status == 422) {
            return ErrorKind.INVALID_REQUEST;
        }
        if (status >= 500) {
            return ErrorKind.UNAVAILABLE;
        }
        return ErrorKind.UPSTREAM;
    }
}
