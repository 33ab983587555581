package dev.easel.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One caller key from {@code EASEL_API_KEYS}: {@code name:key} names it for the logs, a bare
 * {@code key} is named by its position ({@code key-1}, {@code key-2}, ...). Only the name is
 * ever logged; {@link #toString()} hides the secret.
 */
public record ApiKey(String name, String secret) {

    /** A name is short and plain; anything else before a ':' is taken as part of a bare key. */
    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9_.-]{1,64}):(.+)");

    public ApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
    }

    /** Parses the comma-separated list; blank entries are skipped, duplicate names refused. */
    static List<ApiKey> parseAll(String list) {
        List<ApiKey> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String raw : list.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = NAMED.matcher(entry);
            ApiKey key = m.matches() ? new ApiKey(m.group(1), m.group(2).trim()) : new ApiKey("key-" + (out.size() + 1), entry);
            if (key.secret.isEmpty()) {
                throw new IllegalArgumentException("EASEL_API_KEYS: the key named '" + key.name + "' is empty");
            }
            if (!names.add(key.name)) {
                throw new IllegalArgumentException("EASEL_API_KEYS: the name '" + key.name + "' is used twice");
            }
            out.add(key);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ApiKey[name=" + name + ", secret=***]";
    }
}
