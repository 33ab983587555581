package dev.easel.adapter.size;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A pixel size, written {@code WxH} in the API and the catalog. */
public record Dim(int width, int height) {

    public Dim {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
    }

    /** Parses {@code 1024x768}; throws {@link IllegalArgumentException} with a readable message. */
    @JsonCreator
    public static Dim parse(String text) {
        int x = text == null ? -1 : text.indexOf('x');
        if (x <= 0 || x == text.length() - 1) {
            throw new IllegalArgumentException("expected WIDTHxHEIGHT such as 1024x768, got '" + text + "'");
        }
        try {
            return new Dim(Integer.parseInt(text.substring(0, x)), Integer.parseInt(text.substring(x + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected WIDTHxHEIGHT such as 1024x768, got '" + text + "'");
        }
    }

    public double ratio() {
        return (double) width / height;
    }

    public long pixels() {
        return (long) width * height;
    }

    @JsonValue
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
