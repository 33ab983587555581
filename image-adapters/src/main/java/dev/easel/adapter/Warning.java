package dev.easel.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something Easel could not do exactly as asked, reported in {@code metadata.warnings}.
 *
 * @param code    stable, e.g. {@code unsupported_parameter}, {@code size_adjusted}
 * @param param   the request field concerned, or null
 * @param message for humans
 */
public record Warning(String code, String param, String message) {

    public Warning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The JSON shape of {@code metadata.warnings[]}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("param", param);
        m.put("message", message);
        return m;
    }

    public static Warning unsupported(String param, String provider) {
        return new Warning("unsupported_parameter", param,
                "'" + param + "' is not supported by " + provider + " and was ignored");
    }
}
