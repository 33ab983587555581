package dev.easel.gateway.http;

import dev.easel.gateway.api.ApiErrors;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The playground's static files ({@code GET /} and {@code GET /playground/{asset}}), read from
 * the jar once at start and served from memory. Only the names listed here exist: a request
 * can never reach another resource or the file system, whatever it spells.
 *
 * <p>The page calls only its own origin ({@code connect-src 'self'}) and loads no script or
 * style from anywhere else; images may come from the image store, which can be another host
 * (S3 links), so {@code img-src} is open.
 */
final class PlaygroundAssets {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob: https: http:; connect-src 'self'; form-action 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private static final String ROOT = "/playground/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "playground.css", "text/css; charset=utf-8",
            "playground.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, Asset> assets;

    private PlaygroundAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Reads every asset from the class path; a missing one is a broken build and stops the start. */
    static PlaygroundAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        TYPES.forEach((name, type) -> {
            try (InputStream in = PlaygroundAssets.class.getResourceAsStream(ROOT + name)) {
                if (in == null) {
                    throw new IllegalStateException("the playground asset " + ROOT + name + " is missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                assets.put(name, new Asset(Buffer.buffer(bytes), type, etag(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the playground asset " + name, e);
            }
        });
        return new PlaygroundAssets(assets);
    }

    void index(RoutingContext ctx) {
        send(ctx, assets.get("index.html"));
    }

    void asset(RoutingContext ctx) {
        Asset asset = assets.get(ctx.pathParam("asset"));
        if (asset == null) {
            ErrorResponder.respond(ctx, ApiErrors.notFound("The playground has no file by that name."));
            return;
        }
        send(ctx, asset);
    }

    private static void send(RoutingContext ctx, Asset asset) {
        HttpServerResponse response = ctx.response()
                .putHeader("content-type", asset.contentType())
                .putHeader("etag", asset.etag())
                // Names carry no version: revalidate every time; the ETag makes that a 304.
                .putHeader("cache-control", "no-cache")
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer")
                .putHeader("x-frame-options", "DENY")
                .putHeader("content-security-policy", CONTENT_SECURITY_POLICY);
        if (asset.etag().equals(ctx.request().getHeader("if-none-match"))) {
            response.setStatusCode(304).end();
            return;
        }
        response.end(asset.bytes());
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(Buffer bytes, String contentType, String etag) {
    }
}
