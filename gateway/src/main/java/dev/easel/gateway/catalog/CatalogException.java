package dev.easel.gateway.catalog;

/** The catalog file is wrong; the message names the file and the key (or line). */
public final class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
