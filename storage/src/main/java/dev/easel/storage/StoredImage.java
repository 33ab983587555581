package dev.easel.storage;

import java.util.Objects;

/** Where an image ended up: its key in the store and the link handed to the client. */
public record StoredImage(String key, String url) {

    public StoredImage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
    }
}
