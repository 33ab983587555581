package dev.easel.adapter.http;

import java.util.regex.Pattern;

/**
 * What of a provider's error body may be repeated in Easel's messages: identifiers only
 * (codes, types, enum values, field paths). Free text could echo the prompt or a key back,
 * so it is never repeated; an identifier holding a configured secret ({@link Secrets}) is
 * not repeated either.
 */
public final class SafeText {

    /** Longest identifier repeated by {@link #token(Object)}. */
    public static final int MAX_TOKEN = 64;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private SafeText() {
    }

    /** {@code value} when it is an identifier of at most {@value #MAX_TOKEN} characters, else null. */
    public static String token(Object value) {
        return token(value, MAX_TOKEN);
    }

    /** {@code value} when it is an identifier of at most {@code maxLength} characters, else null. */
    public static String token(Object value, int maxLength) {
        if (!(value instanceof String s) || s.isEmpty() || s.length() > maxLength || !IDENTIFIER.matcher(s).matches()
                || Secrets.containsSecret(s)) {
            return null;
        }
        return s;
    }
}
