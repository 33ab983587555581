package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.ResponseHeadAware;
import dev.easel.adapter.http.WorkerReads;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.util.Locale;
import java.util.Objects;

/**
 * The body of one streamed images call. A {@code 2xx text/event-stream} answer is read event
 * by event as it arrives: the parser splits it on the event loop (a byte scan), and each event
 * is read by an {@link OpenAiStreamedAnswer} on the worker pool, in order, so previews reach
 * the caller while the image is still being made and at most a couple of events are held.
 * Any other answer (an error, or JSON from an upstream that ignored {@code stream: true}) is
 * kept whole for the ordinary readers. The upstream client's size cap applies to both. One
 * instance per call.
 */
final class OpenAiStreamBody implements BodyCodec<OpenAiStreamBody.Answer>, ResponseHeadAware {

    /**
     * What the body held.
     *
     * @param streamed the images of an event stream, or null when the body was not one
     * @param plain    a body that was not an event stream, whole; null for an event stream
     */
    record Answer(AdapterResult streamed, Buffer plain) {
    }

    /** Events read but not yet handled past which the upstream connection is paused. */
    private static final int MAX_QUEUED = 2;

    private final String providerId;
    private final long maxEventBytes;
    private final WorkerExecutor worker;
    private final Future<Void> abandoned;
    private final OpenAiStreamedAnswer answer;
    private volatile boolean eventStream;

    /**
     * @param maxEventBytes the longest event accepted (the provider's body cap)
     * @param abandoned     once complete, the rest of the stream is refused, which resets the connection
     */
    OpenAiStreamBody(String providerId, long maxEventBytes, WorkerExecutor worker, Future<Void> abandoned,
                     OpenAiStreamedAnswer answer) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.maxEventBytes = Math.min(maxEventBytes, Integer.MAX_VALUE - 8L);
        this.worker = Objects.requireNonNull(worker, "worker");
        this.abandoned = Objects.requireNonNull(abandoned, "abandoned");
        this.answer = Objects.requireNonNull(answer, "answer");
    }

    @Override
    public void head(int status, MultiMap headers) {
        String type = headers.get("content-type");
        eventStream = status / 100 == 2 && type != null
                && type.trim().toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    @Override
    public BodyStream<Answer> stream() {
        return new Body(eventStream);
    }

    private final class Body implements BodyStream<Answer> {

        private final Promise<Answer> result = Promise.promise();
        /** Null for a body that is not an event stream. */
        private final OpenAiEventStreamParser parser;
        private final Buffer plain;
        // Touched on the connection's event loop only: writes, and the completions of worker reads.
        private Future<Void> work = Future.succeededFuture();
        private int queued;
        private Handler<Void> drain;
        private Throwable failure;

        Body(boolean events) {
            this.parser = events ? new OpenAiEventStreamParser(providerId, maxEventBytes, this::read) : null;
            this.plain = events ? null : Buffer.buffer();
        }

        @Override
        public Future<Void> write(Buffer chunk) {
            if (failure != null) {
                return Future.failedFuture(failure);
            }
            if (parser == null) {
                plain.appendBuffer(chunk);
                return Future.succeededFuture();
            }
            if (abandoned.isComplete()) {
                // Nobody waits for these images any more: refusing the rest closes the connection.
                return fail(new ProviderException(ErrorKind.UNAVAILABLE, providerId, 200,
                        providerId + ": the stream was abandoned"));
            }
            try {
                parser.feed(chunk);
            } catch (ProviderException e) {
                return fail(e);
            }
            return failure != null ? Future.failedFuture(failure) : Future.succeededFuture();
        }

        private void read(OpenAiEventStreamParser.Event event) {
            queued++;
            work = work.compose(v -> WorkerReads.read(worker, providerId, 200, "an image stream event", () -> {
                answer.accept(event);
                return null;
            }));
            work.onComplete(ar -> {
                queued--;
                if (ar.failed()) {
                    fail(ar.cause());
                }
                Handler<Void> waiting = drain;
                if (waiting != null && queued < MAX_QUEUED) {
                    drain = null;
                    waiting.handle(null);
                }
            });
        }

        private Future<Void> fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            result.tryFail(failure);
            return Future.failedFuture(failure);
        }

        @Override
        public Future<Void> end() {
            if (parser == null) {
                result.tryComplete(new Answer(null, plain));
                return Future.succeededFuture();
            }
            parser.end();
            // The last events may still be on a worker: the answer is known once they are read.
            work.onComplete(ar -> {
                if (ar.failed()) {
                    fail(ar.cause());
                    return;
                }
                try {
                    result.tryComplete(new Answer(answer.finish(), null));
                } catch (ProviderException e) {
                    fail(e);
                }
            });
            return Future.succeededFuture();
        }

        @Override
        public Future<Answer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable error) {
            fail(error);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return queued >= MAX_QUEUED;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            drain = handler;
            return this;
        }
    }
}
