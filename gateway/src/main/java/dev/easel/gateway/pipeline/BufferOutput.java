package dev.easel.gateway.pipeline;

import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;

/** An {@link OutputStream} into one growing {@link Buffer}: a whole answer or one event, rendered off the event loop. */
public final class BufferOutput extends OutputStream {

    private final Buffer buffer;

    public BufferOutput(int initialSize) {
        this.buffer = Buffer.buffer(Math.max(64, initialSize));
    }

    @Override
    public void write(int b) {
        buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        buffer.appendBytes(b, off, len);
    }

    public Buffer buffer() {
        return buffer;
    }
}
