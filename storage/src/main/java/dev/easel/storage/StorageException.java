package dev.easel.storage;

/**
 * A store could not keep an image. The message is safe to log and to show an operator: it
 * names the bucket or directory and the provider's error code, never a credential.
 */
public final class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
