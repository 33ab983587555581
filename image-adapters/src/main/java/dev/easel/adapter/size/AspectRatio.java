package dev.easel.adapter.size;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An aspect ratio written {@code W:H}, kept as given ({@code 16:9} stays {@code 16:9}). */
public record AspectRatio(int width, int height) {

    public AspectRatio {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("aspect ratio terms must be positive, got " + width + ":" + height);
        }
    }

    @JsonCreator
    public static AspectRatio parse(String text) {
        int c = text == null ? -1 : text.indexOf(':');
        if (c <= 0 || c == text.length() - 1) {
            throw new IllegalArgumentException("expected W:H such as 16:9, got '" + text + "'");
        }
        try {
            return new AspectRatio(Integer.parseInt(text.substring(0, c)), Integer.parseInt(text.substring(c + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected W:H such as 16:9, got '" + text + "'");
        }
    }

    public double value() {
        return (double) width / height;
    }

    @JsonValue
    @Override
    public String toString() {
        return width + ":" + height;
    }
}
