package dev.easel.media;

import java.util.Objects;

/** What {@link Transcoder#probe(byte[])} learns from a header, without decoding pixels. */
public record ImageInfo(ImageFormat format, int width, int height) {
    public ImageInfo {
        Objects.requireNonNull(format, "format");
    }

    public long pixels() {
        return (long) width * height;
    }
}
