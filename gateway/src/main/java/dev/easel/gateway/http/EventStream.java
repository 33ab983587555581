package dev.easel.gateway.http;

import dev.easel.gateway.pipeline.ImageEventWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One {@code text/event-stream} answer. Frames are produced asynchronously (rendered on the
 * worker pool, from any thread) but go out whole and in the order they were appended; a
 * {@code : keepalive} comment goes out whenever nothing was written for the keepalive
 * interval, so proxies with idle limits keep the connection. Nothing is written once the
 * client is gone.
 */
final class EventStream {

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final long keepaliveMs;
    private final Promise<Void> opened = Promise.promise();
    private final Promise<Void> gone = Promise.promise();
    private Future<Void> chain = opened.future();
    private long timer = -1;
    private boolean ended;

    EventStream(Vertx vertx, HttpServerResponse response, Duration keepalive) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.response = Objects.requireNonNull(response, "response");
        this.keepaliveMs = Math.max(1, keepalive.toMillis());
        response.closeHandler(v -> {
            synchronized (this) {
                ended = true;
                vertx.cancelTimer(timer);
            }
            gone.tryComplete();
        });
    }

    /** Completes when the client goes away before the stream ended. */
    Future<Void> clientGone() {
        return gone.future();
    }

    /** Sends {@code 200 text/event-stream}; frames appended before this wait for it. */
    void open() {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                // A compressor may hold small frames back; keepalives must leave at once.
                .putHeader("content-encoding", "identity")
                .putHeader("x-accel-buffering", "no");
        // Headers go out with the first write (a keepalive at the latest); writes keep their order,
        // so frames need not wait for them.
        response.writeHead();
        opened.complete();
        scheduleKeepalive();
    }

    /**
     * Appends a frame. {@code optional} frames (previews) that fail to render are dropped; a
     * required one that fails ends the stream with an {@code error} event.
     */
    synchronized void append(Supplier<Future<Buffer>> frame, boolean optional) {
        chain = chain.compose(v -> {
            if (isEnded()) {
                return Future.succeededFuture();
            }
            Future<Buffer> rendered = frame.get();
            return rendered.compose(this::write, e -> optional ? Future.succeededFuture() : Future.failedFuture(e));
        });
    }

    /** Appends the last frames and ends the stream after them. */
    synchronized void finish(Supplier<Future<Buffer>> last) {
        append(last, false);
        chain.onComplete(x -> end());
    }

    private synchronized boolean isEnded() {
        return ended;
    }

    private Future<Void> write(Buffer frame) {
        synchronized (this) {
            if (ended || response.closed()) {
                return Future.succeededFuture();
            }
            scheduleKeepalive();
        }
        return response.write(frame).recover(e -> Future.succeededFuture());
    }

    private synchronized void scheduleKeepalive() {
        vertx.cancelTimer(timer);
        if (ended) {
            return;
        }
        timer = vertx.setTimer(keepaliveMs, id -> {
            synchronized (this) {
                if (ended || id != timer || response.closed()) {
                    return;
                }
                // A frame being written right now goes out whole before this (writes are ordered).
                response.write(ImageEventWriter.keepalive());
                scheduleKeepalive();
            }
        });
    }

    private void end() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            vertx.cancelTimer(timer);
        }
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }
}
