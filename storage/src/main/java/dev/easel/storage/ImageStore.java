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

    @Override
    void close();
}
