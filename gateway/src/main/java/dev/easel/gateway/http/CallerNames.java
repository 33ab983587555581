package dev.easel.gateway.http;

import dev.easel.gateway.config.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The name of the {@code EASEL_API_KEYS} entry a request's bearer token matches, for the
 * access log: the key itself is never logged. Compared in constant time, like the key check.
 */
final class CallerNames {

    private final List<ApiKey> keys;

    CallerNames(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The key's name, or null without keys or with a missing or wrong token. */
    String of(String authorization) {
        if (keys.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String name = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(given, key.secret().getBytes(StandardCharsets.UTF_8))) {
                name = key.name();
            }
        }
        return name;
    }
}
