package dev.easel.gateway.http;

import dev.easel.gateway.pipeline.ImagesBody;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;

/**
 * Sends an {@link ImagesBody} on the response's event loop, base64-encoding each image one
 * slice at a time and only as fast as the connection takes it. A 4 MP answer neither holds
 * the loop (a slice is tens of microseconds of work, and the loop is handed back every few
 * slices) nor exists a second time as base64, and a client that reads slowly costs its
 * image's bytes, nothing more.
 */
final class ImagesBodySender {

    /** 48 KiB of image is 64 KiB of base64; a multiple of 3, so no padding inside an image. */
    static final int SLICE = 48 * 1024;
    /** Slices written before the loop is handed back, when the connection never pushes back. */
    private static final int SLICES_PER_TURN = 16;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Iterator<ImagesBody.Part> parts;
    private byte[] image;
    private int offset;

    private ImagesBodySender(Vertx vertx, HttpServerResponse response, ImagesBody body) {
        this.vertx = vertx;
        this.response = response;
        this.parts = body.parts().iterator();
    }

    /**
     * Sets {@code Content-Length}, writes the body and ends the response; call on the response's
     * event loop. A client that goes away stops it: what is left is dropped with the connection.
     */
    static void send(Vertx vertx, HttpServerResponse response, ImagesBody body) {
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(body.length()));
        ImagesBodySender sender = new ImagesBodySender(vertx, response, body);
        response.drainHandler(v -> sender.pump());
        sender.pump();
    }

    private void pump() {
        int slices = 0;
        while (!response.writeQueueFull()) {
            if (response.closed()) {
                return;
            }
            if (image != null) {
                if (++slices > SLICES_PER_TURN) {
                    vertx.getOrCreateContext().runOnContext(v -> pump());
                    return;
                }
                int end = Math.min(image.length, offset + SLICE);
                ByteBuffer encoded = BASE64.encode(ByteBuffer.wrap(image, offset, end - offset));
                response.write(Buffer.buffer(encoded.array()));
                offset = end;
                if (offset == image.length) {
                    image = null;
                }
            } else if (parts.hasNext()) {
                ImagesBody.Part part = parts.next();
                if (part instanceof ImagesBody.Text text) {
                    response.write(text.json());
                } else {
                    image = ((ImagesBody.Image) part).data();
                    offset = 0;
                    if (image.length == 0) {
                        image = null;
                    }
                }
            } else {
                response.end();
                return;
            }
        }
        // The drain handler calls pump again once the connection has taken what is queued.
    }
}
