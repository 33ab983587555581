package dev.easel.storage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The object key layout shared by every store: {@code images/yyyy/MM/dd/<request-id>-<n>.<ext>}.
 * The date prefix (UTC, so the layout does not depend on the server's zone) lets operators set
 * bucket lifecycle rules and lets the local store purge by directory.
 */
public final class ImageKeys {

    /** Request ids come from clients (x-request-id); a long one must not make a huge key. */
    static final int MAX_REQUEST_ID_LENGTH = 128;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private ImageKeys() {
    }

    public static String keyFor(ImageObject o) {
        Objects.requireNonNull(o, "image");
        return "images/" + DAY.format(o.createdAt()) + "/" + sanitize(o.requestId()) + "-" + o.index() + "." + o.extension();
    }

    /**
     * Keeps only {@code [A-Za-z0-9_-]} so a request id can never add a path segment, a dot
     * segment or a character that needs URL encoding; anything else becomes {@code _}.
     */
    static String sanitize(String requestId) {
        StringBuilder out = new StringBuilder(Math.min(requestId.length(), MAX_REQUEST_ID_LENGTH));
        for (int i = 0; i < requestId.length() && out.length() < MAX_REQUEST_ID_LENGTH; i++) {
            char c = requestId.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(allowed ? c : '_');
        }
        return out.length() == 0 ? "request" : out.toString();
    }
}
