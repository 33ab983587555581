package dev.easel.gateway.state;

import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link IdempotencyStore} every replica shares, in Redis: one hash per key, changed only
 * by the atomic scripts in {@code /redis/idempotency-*.lua}.
 *
 * <ul>
 *   <li>A claim is a lease ({@link #LEASE}), renewed by its holder every third of it while the
 *       work runs; a holder that dies stops renewing, and a waiter takes the key over when the
 *       lease runs out.</li>
 *   <li>Duplicates on this replica share the holder's future; on other replicas they poll
 *       (50 ms, growing to 500 ms) until the answer is there, up to their own deadline.</li>
 *   <li>The answer is kept for the TTL; a failure for {@link #FAILURE_VISIBLE} so waiters
 *       share it, after which a new request runs again.</li>
 *   <li>Redis unreachable: {@link #claim} fails with 503 {@code idempotency_unavailable}
 *       (running without the shared claim could charge twice).</li>
 * </ul>
 */
public final class RedisIdempotencyStore implements IdempotencyStore<StoredAnswer> {

    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration FAILURE_VISIBLE = Duration.ofSeconds(10);
    private static final long FIRST_POLL_MS = 50;
    private static final long MAX_POLL_MS = 500;

    private static final RedisScript CLAIM = RedisScript.load("idempotency-claim");
    private static final RedisScript COMPLETE = RedisScript.load("idempotency-complete");
    private static final RedisScript FAIL = RedisScript.load("idempotency-fail");
    private static final RedisScript RENEW = RedisScript.load("idempotency-renew");

    private final Vertx vertx;
    private final SharedRedis redis;
    private final Duration ttl;
    private final Duration lease;
    private final Clock clock;
    // Claims held by this replica, by token; and the newest holder per key, which local
    // duplicates wait on instead of polling.
    private final Map<String, Held> byToken = new ConcurrentHashMap<>();
    private final Map<String, Held> byKey = new ConcurrentHashMap<>();

    public RedisIdempotencyStore(Vertx vertx, SharedRedis redis, Duration ttl, Clock clock) {
        this(vertx, redis, ttl, LEASE, clock);
    }

    RedisIdempotencyStore(Vertx vertx, SharedRedis redis, Duration ttl, Duration lease, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<IdempotencyClaim<StoredAnswer>> claim(String key, Fingerprint fingerprint) {
        if (!redis.up()) {
            return Future.failedFuture(IdempotencyErrors.unavailable());
        }
        return run(key, fingerprint, "claim");
    }

    private Future<IdempotencyClaim<StoredAnswer>> run(String key, Fingerprint fingerprint, String mode) {
        String token = UUID.randomUUID().toString();
        return redis.eval(CLAIM, List.of(redisKey(key)),
                        List.of(fingerprint.hex(), token, lease.toMillis(), mode))
                .recover(e -> Future.failedFuture(IdempotencyErrors.unavailable()))
                .compose(r -> {
                    String outcome = r.get(0).toString();
                    return switch (outcome) {
                        case "won" -> Future.succeededFuture(hold(key, fingerprint, token));
                        case "conflict" -> Future.failedFuture(IdempotencyErrors.reused(key));
                        case "done" -> Future.succeededFuture(new IdempotencyClaim.Done<>(answer(r)));
                        case "failed" -> Future.failedFuture(error(r.get(1)));
                        default -> {
                            Held local = byKey.get(key);
                            yield Future.succeededFuture(new IdempotencyClaim.Pending<>(key, fingerprint,
                                    local == null ? null : local.result.future()));
                        }
                    };
                });
    }

    @Override
    public Future<Void> complete(IdempotencyClaim.Won<StoredAnswer> claim, StoredAnswer answer) {
        Held h = release(claim);
        Future<Void> kept = redis.eval(COMPLETE, List.of(redisKey(claim.key())), List.of(claim.token(), ttl.toMillis(),
                answer.provider(), answer.model(), answer.attempts(), answer.body())).mapEmpty();
        if (h != null) {
            h.result.tryComplete(answer);
        }
        return kept;
    }

    @Override
    public Future<Void> fail(IdempotencyClaim.Won<StoredAnswer> claim, Throwable error) {
        Held h = release(claim);
        Future<Void> marked = redis.eval(FAIL, List.of(redisKey(claim.key())),
                List.of(claim.token(), FAILURE_VISIBLE.toMillis(), encode(error).encode())).mapEmpty();
        if (h != null) {
            h.result.tryFail(error);
        }
        return marked;
    }

    @Override
    public Future<IdempotencyClaim<StoredAnswer>> replay(IdempotencyClaim.Pending<StoredAnswer> pending, Instant until) {
        if (pending.local() != null) {
            return pending.local().map(IdempotencyClaim.Done::new);
        }
        Promise<IdempotencyClaim<StoredAnswer>> outcome = Promise.promise();
        poll(pending, until, FIRST_POLL_MS, outcome);
        return outcome.future();
    }

    private void poll(IdempotencyClaim.Pending<StoredAnswer> pending, Instant until, long delayMs,
                      Promise<IdempotencyClaim<StoredAnswer>> outcome) {
        long left = Duration.between(clock.instant(), until).toMillis();
        if (left <= 0) {
            outcome.tryFail(IdempotencyErrors.waitedTooLong());
            return;
        }
        vertx.setTimer(Math.min(delayMs, left), id -> run(pending.key(), pending.fingerprint(), "wait")
                .onFailure(outcome::tryFail)
                .onSuccess(claim -> {
                    if (claim instanceof IdempotencyClaim.Pending<StoredAnswer> still) {
                        if (still.local() != null) {
                            still.local().map(a -> (IdempotencyClaim<StoredAnswer>) new IdempotencyClaim.Done<>(a))
                                    .onComplete(outcome);
                        } else {
                            poll(still, until, Math.min(MAX_POLL_MS, delayMs * 3 / 2), outcome);
                        }
                    } else {
                        outcome.tryComplete(claim);
                    }
                }));
    }

    private IdempotencyClaim.Won<StoredAnswer> hold(String key, Fingerprint fingerprint, String token) {
        Held h = new Held(key, Promise.promise());
        h.renewTimer = vertx.setPeriodic(Math.max(1, lease.toMillis() / 3), id ->
                redis.eval(RENEW, List.of(redisKey(key)), List.of(token, lease.toMillis())));
        byToken.put(token, h);
        byKey.put(key, h);
        return new IdempotencyClaim.Won<>(key, fingerprint, token);
    }

    private Held release(IdempotencyClaim.Won<StoredAnswer> claim) {
        Held h = byToken.remove(claim.token());
        if (h != null) {
            byKey.remove(claim.key(), h);
            vertx.cancelTimer(h.renewTimer);
        }
        return h;
    }

    private String redisKey(String key) {
        return redis.key("idem", key);
    }

    private static StoredAnswer answer(Response r) {
        return new StoredAnswer(r.get(1).toString(), r.get(2).toString(), r.get(3).toInteger(), r.get(4).toBuffer());
    }

    /** Only what the error envelope shows travels: never a stack trace or an internal message. */
    static JsonObject encode(Throwable error) {
        if (error instanceof ApiException e) {
            return new JsonObject().put("status", e.status()).put("type", e.type()).put("code", e.code())
                    .put("param", e.param()).put("message", e.getMessage())
                    .put("retry_after_s", e.retryAfter() == null ? null : e.retryAfter().toSeconds())
                    .put("metadata", new JsonObject(e.metadata()));
        }
        return new JsonObject().put("status", 500).put("type", "api_error").put("code", "internal_error")
                .put("message", "Easel hit an unexpected error while running this request.");
    }

    static ApiException error(Response json) {
        JsonObject e = new JsonObject(json.toString());
        Long retry = e.getLong("retry_after_s");
        return ApiErrors.shared(e.getInteger("status"), e.getString("type"), e.getString("code"), e.getString("param"),
                e.getString("message"), retry == null ? null : Duration.ofSeconds(retry),
                e.getJsonObject("metadata", new JsonObject()).getMap());
    }

    private static final class Held {
        final String key;
        final Promise<StoredAnswer> result;
        volatile long renewTimer = -1;

        Held(String key, Promise<StoredAnswer> result) {
            this.key = key;
            this.result = result;
        }
    }
}
