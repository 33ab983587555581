package dev.easel.storage;

import java.util.concurrent.CompletableFuture;

/**
 * Hosts generated images and returns links to them. Implementations never block the caller's
 * thread: blocking I/O runs on the store's own threads, so a Vert.x event loop may call
 * {@link #put} directly.
 */
public interface ImageStore extends AutoCloseable {

    /** Stores the image; the future fails with {@link StorageException}. */
    CompletableFuture<StoredImage> put(ImageObject image);

    /**
     * Whether images can be stored now (for {@code /readyz} and the start-up check): the
     * bucket answers, the folder is writable. Fails with a {@link StorageException} that says
     * what is wrong; costs one small request or file, never an image.
     */
    CompletableFuture<Void> checkReady();

    /** One line for the start-up log: where images go (no secrets). */
    String describe();

    @Override
    void close();
}
