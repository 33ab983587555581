package dev.easel.gateway.http;

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
        Optional<Path> file = store == null || name == null ? Optional.empty() : store.resolve(name);
        if (file.isEmpty()) {
            throw ApiException.notFound("No file named '" + (name == null ? "" : name) + "'.");
        }
        String fileName = file.get().getFileName().toString();
        String type = fileName.endsWith(".png") ? "image/png"
                : fileName.endsWith(".webp") ? "image/webp"
                : fileName.endsWith(".jpeg") || fileName.endsWith(".jpg") ? "image/jpeg"
                : "application/octet-stream";
        ctx.response()
                .putHeader("content-type", type)
                .putHeader("cache-control", "public, max-age=31536000, immutable")
                .putHeader("x-content-type-options", "nosniff")
                .sendFile(file.get().toString())
                .onFailure(e -> {
                    if (!ctx.response().headWritten()) {
                        ErrorResponder.respond(ctx, ApiException.notFound("No file named '" + name + "'."));
                    }
                });
    }
}
