package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import dev.easel.storage.LocalImageStore;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Optional;

/** {@code GET /v1/files/{name}}: images in the local store, with their content type. */
final class FilesHandler {

    private final LocalImageStore store;

    /** @param store null when images live in S3: then nothing is served here. */
    FilesHandler(LocalImageStore store) {
        this.store = store;
    }

    void handle(RoutingContext ctx) {
        String name = ctx.pathParam("*");
        if (store == null || name == null) {
            ErrorResponder.respond(ctx, notFound(name));
            return;
        }
        // resolve() checks real paths on disk: file-system calls stay off the event loop.
        ctx.vertx().executeBlocking(() -> store.resolve(name), false).onComplete(ar -> {
            Optional<Path> file = ar.succeeded() ? ar.result() : Optional.empty();
            if (file.isEmpty()) {
                ErrorResponder.respond(ctx, notFound(name));
                return;
            }
            ctx.response()
                    .putHeader("content-type", contentType(file.get().getFileName().toString()))
                    .putHeader("cache-control", "public, max-age=31536000, immutable")
                    .putHeader("x-content-type-options", "nosniff")
                    .sendFile(file.get().toString())
                    .onFailure(e -> {
                        if (!ctx.response().headWritten()) {
                            ErrorResponder.respond(ctx, notFound(name));
                        }
                    });
        });
    }

    private static String contentType(String fileName) {
        return fileName.endsWith(".png") ? "image/png"
                : fileName.endsWith(".webp") ? "image/webp"
                : fileName.endsWith(".jpeg") || fileName.endsWith(".jpg") ? "image/jpeg"
                : "application/octet-stream";
    }

    private static ApiException notFound(String name) {
        return ApiErrors.notFound("No file named '" + (name == null ? "" : name) + "'.");
    }
}
