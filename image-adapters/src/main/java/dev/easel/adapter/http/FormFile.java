package dev.easel.adapter.http;

import dev.easel.adapter.InputImage;
import java.util.Objects;

/**
 * One file part of an upstream multipart form: an input image or a mask, with the content
 * type of its bytes (OpenAI checks the declared type and refuses {@code application/octet-stream})
 * and a filename, which multipart parsers need to treat the part as a file.
 */
public record FormFile(String name, String filename, InputImage image) {

    public FormFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(image, "image");
    }

    /** A part named {@code name} whose filename is {@code stem} plus the extension of its format. */
    public static FormFile of(String name, String stem, InputImage image) {
        return new FormFile(name, stem + "." + extension(image.mediaType()), image);
    }

    /** {@code png}, {@code jpg}, {@code webp} or {@code gif}. */
    public static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            case "image/gif" -> "gif";
            default -> "png";
        };
    }
}
