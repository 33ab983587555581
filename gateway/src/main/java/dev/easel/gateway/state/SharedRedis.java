package dev.easel.gateway.state;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis that replicas share: one pooled Vert.x client, a key prefix, and whether Redis
 * answers now. A PING every second notices an outage and the recovery (the client opens new
 * connections on its own, so recovering needs nothing but Redis coming back); every command
 * has a short deadline, so an unreachable Redis costs a request at most that long.
 */
public final class SharedRedis {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRedis.class);
    private static final long PING_EVERY_MS = 1_000;

    private final Vertx vertx;
    private final Redis client;
    private final String prefix;
    private final String where;
    private final long timeoutMs;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final long pingTimer;

    private SharedRedis(Vertx vertx, Redis client, String prefix, String where, Duration timeout) {
        this.vertx = vertx;
        this.timeoutMs = timeout.toMillis();
        this.client = client;
        this.prefix = prefix;
        this.where = where;
        this.pingTimer = vertx.setPeriodic(PING_EVERY_MS, id -> ping());
    }

    /**
     * Connects to {@code url} ({@code redis://[user:password@]host:port[/db]} or {@code rediss://}).
     * A Redis that is down at start is not an error: the gateway starts with local state and
     * shares as soon as Redis answers.
     */
    public static SharedRedis connect(Vertx vertx, String url, String prefix, String urlForLogs, Duration timeout) {
        Redis client = Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(Objects.requireNonNull(url, "url"))
                .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) timeout.toMillis())
                        .setTcpKeepAlive(true).setTcpNoDelay(true))
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(4096)
                .setMaxWaitingHandlers(4096));
        SharedRedis redis = new SharedRedis(vertx, client, Objects.requireNonNull(prefix, "prefix"), urlForLogs, timeout);
        redis.ping();
        return redis;
    }

    /** Whether the last command or PING got an answer. */
    public boolean up() {
        return up.get();
    }

    String key(String kind, String id) {
        return prefix + kind + ":" + id;
    }

    /** Runs a script; args are strings, numbers or {@link Buffer}s. */
    Future<Response> eval(RedisScript script, List<String> keys, List<?> args) {
        return send(request(Command.EVALSHA, script.sha1(), keys, args)).recover(e -> {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) {
                return send(request(Command.EVAL, script.source(), keys, args));
            }
            return Future.failedFuture(e);
        });
    }

    Future<Response> send(Request request) {
        return send(request, false);
    }

    private Future<Response> send(Request request, boolean ping) {
        return client.send(request)
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .onSuccess(r -> markUp())
                .onFailure(e -> {
                    // A script or command error is Redis answering; only a failure to reach it
                    // (including the client's own CONNECTION_CLOSED) marks it down. A slow answer
                    // to one command on a busy machine is not an outage: only a slow PING is.
                    if (!answered(e) && (ping || !(e instanceof java.util.concurrent.TimeoutException))) {
                        markDown(e);
                    }
                });
    }

    private static boolean answered(Throwable e) {
        String m = e instanceof Response ? e.getMessage() : null;
        return m != null && (m.startsWith("ERR") || m.startsWith("NOSCRIPT") || m.startsWith("WRONGTYPE"));
    }

    private static Request request(Command command, String script, List<String> keys, List<?> args) {
        Request r = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(r::arg);
        for (Object a : args) {
            if (a instanceof Buffer b) {
                r.arg(b);
            } else {
                r.arg(String.valueOf(a));
            }
        }
        return r;
    }

    private void ping() {
        send(Request.cmd(Command.PING), true);
    }

    private void markUp() {
        if (up.compareAndSet(false, true)) {
            LOG.info("Redis at {} answers again: shared state is back", where);
        }
    }

    private void markDown(Throwable e) {
        if (up.compareAndSet(true, false)) {
            LOG.warn("Redis at {} is unreachable ({}): going on with local state; requests with an "
                    + "Idempotency-Key get 503 until it is back", where, e.toString());
        }
    }

    public Future<Void> close() {
        vertx.cancelTimer(pingTimer);
        return client.close();
    }
}
