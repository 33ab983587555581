package dev.easel.gateway.pipeline;

import io.vertx.core.buffer.Buffer;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An {@code ImagesResponse} ready to send: its JSON text, with each {@code b64_json} value
 * kept as the image's own bytes and base64-encoded only as it is written. An answer thus
 * never exists twice in memory (bytes and base64) unless it is kept whole for an
 * {@code Idempotency-Key} ({@link #toBuffer()}).
 */
public final class ImagesBody {

    /** One piece of the answer, in order. */
    public sealed interface Part permits Text, Image {
    }

    /** JSON text, sent as it is. */
    public record Text(Buffer json) implements Part {
        public Text {
            Objects.requireNonNull(json, "json");
        }
    }

    /** An image, sent as the base64 between the quotes of its {@code b64_json} value. */
    public record Image(byte[] data) implements Part {
        public Image {
            Objects.requireNonNull(data, "data");
        }
    }

    private final List<Part> parts;
    private final long length;

    public ImagesBody(List<Part> parts) {
        this.parts = List.copyOf(parts);
        long total = 0;
        for (Part part : this.parts) {
            total += part instanceof Text t ? t.json().length() : base64Length(((Image) part).data().length);
        }
        this.length = total;
    }

    /** An answer that already is one buffer (a replay of a kept answer). */
    public static ImagesBody of(Buffer whole) {
        return new ImagesBody(List.of(new Text(whole)));
    }

    public List<Part> parts() {
        return parts;
    }

    /** Bytes on the wire: the {@code Content-Length}. */
    public long length() {
        return length;
    }

    /** The whole answer in one buffer, base64 written out: CPU work, so call it on a worker. */
    public Buffer toBuffer() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an answer of " + length + " bytes cannot be kept in one buffer");
        }
        Buffer out = Buffer.buffer((int) length);
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.appendBuffer(t.json());
            } else {
                out.appendBytes(Base64.getEncoder().encode(((Image) part).data()));
            }
        }
        return out;
    }

    static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }
}
