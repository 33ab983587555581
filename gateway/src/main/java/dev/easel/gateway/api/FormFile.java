package dev.easel.gateway.api;

import java.util.Objects;

/**
 * One file part of a multipart body, as received: its field name ({@code image},
 * {@code image[]}, {@code mask}) and bytes. What it declares about its own type is ignored;
 * images are recognised by their bytes.
 */
public record FormFile(String field, byte[] data) {

    public FormFile {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(data, "data");
    }
}
