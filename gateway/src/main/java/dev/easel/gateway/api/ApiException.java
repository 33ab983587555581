package dev.easel.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway answer other than success, mapped once to OpenAI's error envelope
 * {@code {"error": {message, type, param, code}}} at the HTTP edge by {@code ErrorResponder}.
 * Made only by {@link ApiErrors}, the catalogue of the public error table.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Duration retryAfter;
    private final Map<String, Object> metadata;

    ApiException(int status, String type, String code, String param, String message,
                        Duration retryAfter, Map<String, Object> metadata) {
        super(message, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.code = Objects.requireNonNull(code, "code");
        this.param = param;
        this.retryAfter = retryAfter;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The same answer with {@code metadata} in place of this one's. */
    public ApiException withMetadata(Map<String, Object> metadata) {
        return new ApiException(status, type, code, param, getMessage(), retryAfter, metadata);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Extra data for the envelope's {@code metadata} (e.g. the attempts of a failed request). */
    public Map<String, Object> metadata() {
        return metadata;
    }
}
