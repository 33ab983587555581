package dev.easel.adapter.http;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.util.Objects;

/**
 * Another codec's body, cut off once more than {@code maxBytes} have arrived. It counts what
 * the client hands over, i.e. after gzip/deflate decompression: a small compressed answer that
 * inflates to gigabytes fails at the cap, having held at most the cap in memory. The failed
 * write makes the web client reset the request, which closes the connection.
 */
final class CappedBodyCodec<T> implements BodyCodec<T> {

    private final BodyCodec<T> inner;
    private final long maxBytes;
    private final String provider;

    CappedBodyCodec(BodyCodec<T> inner, long maxBytes, String provider) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.maxBytes = maxBytes;
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The failure for an answer larger than {@code maxBytes}: a provider misbehaving, worth trying elsewhere. */
    static ProviderException tooLarge(String provider, long maxBytes, int status) {
        return new ProviderException(ErrorKind.UPSTREAM, provider, status,
                provider + " answered a body larger than the " + maxBytes + " byte limit (after decompression)");
    }

    @Override
    public BodyStream<T> stream() throws Exception {
        BodyStream<T> body = inner.stream();
        return new BodyStream<>() {
            private long received;
            private ProviderException failure;

            @Override
            public Future<Void> write(Buffer chunk) {
                if (failure != null) {
                    return Future.failedFuture(failure);
                }
                received += chunk.length();
                if (received > maxBytes) {
                    failure = tooLarge(provider, maxBytes, 200);
                    body.handle(failure);
                    return Future.failedFuture(failure);
                }
                return body.write(chunk);
            }

            @Override
            public Future<Void> end() {
                return failure != null ? Future.failedFuture(failure) : body.end();
            }

            @Override
            public Future<T> result() {
                return body.result();
            }

            @Override
            public void handle(Throwable error) {
                body.handle(error);
            }

            @Override
            public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                body.exceptionHandler(handler);
                return this;
            }

            @Override
            public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
                body.setWriteQueueMaxSize(maxSize);
                return this;
            }

            @Override
            public boolean writeQueueFull() {
                return body.writeQueueFull();
            }

            @Override
            public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
                body.drainHandler(handler);
                return this;
            }
        };
    }
}
