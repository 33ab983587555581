package dev.easel.gateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load on one target: request {@code k} is due at {@code start + k / rate},
 * whatever happened to the ones before it, and its latency is measured from that due time,
 * not from when it could be sent, so a stall is charged to every request it delayed (no
 * coordinated omission, as wrk2 measures). At most {@code maxInFlight} requests are out at
 * once; a due request beyond that waits in a backlog (its wait counted in its latency).
 * Bounded: exactly {@code count} requests.
 *
 * <p>All of one load's state lives on one event loop: its timer runs on the load's context,
 * and Vert.x runs each request's callbacks on a duplicate of the context that sent it (the
 * same thread), so no locks are needed.
 */
final class FixedRateLoad {

    /** Where the requests go: one fixed POST. */
    record Target(String name, int port, String uri, String body) {
    }

    /** What one load measured. */
    record Result(Target target, Latencies latency, Latencies sendLag, Outcomes outcomes, int maxBacklog) {
    }

    private final Context context;
    private final HttpClient http;
    private final Target target;
    private final long periodNanos;
    private final int count;
    private final int maxInFlight;
    private final Latencies latency = new Latencies();
    private final Latencies sendLag = new Latencies();
    private final Outcomes outcomes = new Outcomes();
    private final ArrayDeque<Long> backlog = new ArrayDeque<>();
    private final Promise<Result> done = Promise.promise();
    private long start;
    private int scheduled;
    private int completed;
    private int inFlight;
    private int maxBacklog;

    private FixedRateLoad(Vertx vertx, HttpClient http, Target target, double rate, int count, int maxInFlight) {
        this.context = vertx.getOrCreateContext();
        this.http = http;
        this.target = target;
        this.periodNanos = Math.round(1e9 / rate);
        this.count = count;
        this.maxInFlight = maxInFlight;
    }

    /** A client whose connection pool holds {@code maxInFlight} connections, for one target. */
    static HttpClient client(Vertx vertx, int maxInFlight) {
        return vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(maxInFlight));
    }

    /**
     * Sends {@code count} requests at {@code rate} per second, the first one due at
     * {@code startNanos} ({@link System#nanoTime()}), and completes when all have ended.
     */
    static Future<Result> run(Vertx vertx, HttpClient http, Target target, double rate, int count, int maxInFlight,
                              long startNanos) {
        FixedRateLoad load = new FixedRateLoad(vertx, http, target, rate, count, maxInFlight);
        load.context.runOnContext(v -> load.begin(vertx, startNanos));
        return load.done.future();
    }

    private void begin(Vertx vertx, long startNanos) {
        start = startNanos;
        if (count == 0) {
            done.complete(result());
            return;
        }
        // A 1 ms tick: every request whose due time has passed is sent with that due time.
        vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            long due = now < start ? 0 : Math.min(count, (now - start) / periodNanos + 1);
            while (scheduled < due) {
                backlog.add(start + scheduled * periodNanos);
                scheduled++;
            }
            maxBacklog = Math.max(maxBacklog, backlog.size());
            drain();
            if (scheduled == count) {
                vertx.cancelTimer(id);
            }
        });
    }

    private void drain() {
        while (inFlight < maxInFlight && !backlog.isEmpty()) {
            send(backlog.poll());
        }
    }

    private void send(long dueAt) {
        inFlight++;
        sendLag.recordNanos(System.nanoTime() - dueAt);
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(target.port())
                        .setURI(target.uri()).putHeader("content-type", "application/json")
                        .putHeader("authorization", "Bearer sk-bench")
                        .setIdleTimeout(TimeUnit.SECONDS.toMillis(60)))
                .compose(req -> req.send(Buffer.buffer(target.body())))
                .compose(resp -> resp.body().map(body -> {
                    outcomes.answered(resp.statusCode(), body);
                    return resp.statusCode();
                }))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result() == 200) {
                        latency.recordNanos(System.nanoTime() - dueAt);
                    } else if (ar.failed()) {
                        outcomes.failed(ar.cause());
                    }
                    inFlight--;
                    completed++;
                    drain();
                    if (completed == count) {
                        done.complete(result());
                    }
                });
    }

    private Result result() {
        return new Result(target, latency, sendLag, outcomes, maxBacklog);
    }
}
