package dev.easel.storage;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The object key layout shared by every store: {@code images/yyyy/MM/dd/<32 hex>.<ext>}.
 * The date prefix (UTC, so the layout does not depend on the server's zone) lets operators set
 * bucket lifecycle rules and lets the local store purge by directory.
 *
 * <p>The name is 128 random bits and nothing else: links to the local store are served without
 * a key, so a name must be unguessable, and nothing a caller sends (such as {@code x-request-id})
 * may choose it, or one caller could overwrite or predict another's image.
 */
public final class ImageKeys {

    /** 16 bytes: 128 bits, written as 32 hex digits. */
    static final int RANDOM_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private ImageKeys() {
    }

    /** A new key on every call, even for the same image. */
    public static String keyFor(ImageObject o) {
        Objects.requireNonNull(o, "image");
        byte[] name = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(name);
        return "images/" + DAY.format(o.createdAt()) + "/" + HexFormat.of().formatHex(name) + "." + o.extension();
    }
}
