package dev.easel.media;

import java.util.Objects;

/**
 * Every failure of this module. The gateway maps {@link Reason} to its own error type once, at
 * its edge; the message is for logs, not for end users.
 */
public final class MediaException extends RuntimeException {

    public enum Reason {
        /** The bytes are not an image at all (HTML error page, JSON, empty body). */
        NOT_AN_IMAGE,
        /** The magic bytes say image, but the rest is cut short or corrupt. */
        TRUNCATED,
        /** The header declares more pixels than the configured limit (decompression bomb). */
        TOO_LARGE,
        /** A real image in a format or flavour we do not handle (GIF, TIFF, CMYK JPEG...). */
        UNSUPPORTED_FORMAT,
        /** Decoding worked but the encoder failed. */
        ENCODE_FAILED
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public MediaException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MediaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
