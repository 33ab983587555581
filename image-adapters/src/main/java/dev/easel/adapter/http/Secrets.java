package dev.easel.adapter.http;

import io.vertx.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one scrubber of configured secret values (provider keys, the S3 secret, gateway keys):
 * every piece of text that can reach a client or a log passes through {@link #scrub}. Shape
 * filters such as {@link SafeText} cannot do this alone: a provider that echoes the key back
 * as {@code "code": "Bearer_sk-..."} hands over a perfectly identifier-shaped string.
 *
 * <p>Process-wide on purpose: the log output is process-wide too, and scrubbing a value some
 * other gateway in the same JVM registered is harmless. Values are matched as written, URL
 * encoded and JSON escaped. Values shorter than {@value #MIN_LENGTH} characters are not
 * registered: they would mangle ordinary words, and are too short to be real keys.
 */
public final class Secrets {

    /** Shorter values are not scrubbed (see the class comment). */
    public static final int MIN_LENGTH = 8;
    /** What a secret is replaced with. */
    public static final String MASK = "[redacted]";

    /** Longest first, so a key that contains another one is masked whole. */
    private static volatile List<String> values = List.of();

    private Secrets() {
    }

    /** Adds {@code secrets} (nulls, blanks and short values are skipped) to what is scrubbed. */
    public static synchronized void register(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>(values);
        for (String secret : secrets) {
            if (secret == null || secret.strip().length() < MIN_LENGTH) {
                continue;
            }
            String s = secret.strip();
            all.add(s);
            all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            String json = Json.encode(s);
            all.add(json.substring(1, json.length() - 1));
        }
        values = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every registered secret replaced by {@value #MASK}; null stays null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** Whether {@code text} holds a registered secret. */
    public static boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String secret : values) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }
}
