package dev.easel.gateway.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway answer other than success, mapped once to OpenAI's error envelope
 * {@code {"error": {message, type, param, code}}} at the HTTP edge by {@code ErrorResponder}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Duration retryAfter;
    private final Map<String, Object> metadata;

    public ApiException(int status, String type, String code, String param, String message,
                        Duration retryAfter, Map<String, Object> metadata) {
        super(message, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.code = Objects.requireNonNull(code, "code");
        this.param = param;
        this.retryAfter = retryAfter;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_request", param, message, null, null);
    }

    public static ApiException modelNotFound(String message) {
        return new ApiException(404, "invalid_request_error", "model_not_found", "model", message, null, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "invalid_request_error", "not_found", null, message, null, null);
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
