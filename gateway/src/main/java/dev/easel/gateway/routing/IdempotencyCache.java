package dev.easel.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.easel.gateway.api.ApiErrors;
import dev.easel.gateway.api.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} support: the OpenAI SDKs retry on their own, and an image must
 * not be generated (and paid) twice.
 *
 * <p>The first request with a key runs; every later or concurrent one with the same key and
 * the same body fingerprint gets the very same {@link Future}, so one generation serves all
 * of them. The same key with another body is a 409 {@code idempotency_key_reused}.
 *
 * <p>Successes are replayed for the TTL. Failures are not: the failed entry is dropped when
 * it fails, so requests already waiting share that failure, and a retry after it runs again
 * (a rate limit or an outage is worth retrying; nothing was delivered, so nothing is paid
 * twice). Entries are bounded in number, oldest evicted first.
 *
 * <p>Callers should scope the key by caller (for example prefix a hash of the gateway key),
 * so two clients cannot read each other's results by guessing keys.
 */
public final class IdempotencyCache<T> {

    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    // Entries hold whole results (images, when T carries bytes): cache the rendered response, keep this modest.
    public static final long DEFAULT_MAX_ENTRIES = 1_000;

    private final Cache<String, Entry<T>> entries;

    public IdempotencyCache(Duration ttl, long maximumSize) {
        this(ttl, maximumSize, Ticker.systemTicker());
    }

    public IdempotencyCache() {
        this(DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
    }

    IdempotencyCache(Duration ttl, long maximumSize, Ticker ticker) {
        Objects.requireNonNull(ttl, "ttl");
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                // Maintenance on the calling thread: no hidden pool, and eviction is exact in tests.
                .executor(Runnable::run)
                .build();
    }

    /**
     * Runs {@code work} once per key and fingerprint within the TTL.
     *
     * @param fingerprint the request body's fingerprint, see {@link #fingerprint(JsonObject)}
     * @return the shared result; failed with a 409 {@link ApiException} when the key was used
     *         with another body
     */
    public Future<T> execute(String key, String fingerprint, Supplier<Future<T>> work) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(work, "work");
        Promise<T> promise = Promise.promise();
        Entry<T> mine = new Entry<>(fingerprint, promise.future());
        // putIfAbsent is atomic: of two concurrent duplicates exactly one becomes the runner.
        Entry<T> existing = entries.asMap().putIfAbsent(key, mine);
        if (existing != null) {
            if (!existing.fingerprint().equals(fingerprint)) {
                return Future.failedFuture(reused(key));
            }
            return existing.result();
        }
        promise.future().onFailure(e -> entries.asMap().remove(key, mine));
        start(work).onComplete(promise);
        return promise.future();
    }

    /** How many keys are held now (for metrics). */
    public long size() {
        return entries.estimatedSize();
    }

    private static <T> Future<T> start(Supplier<Future<T>> work) {
        try {
            return Objects.requireNonNull(work.get(), "work returned null");
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static ApiException reused(String key) {
        // Keys arrive scoped as "<hash of the caller>:<caller's key>": show the caller's part only.
        String own = key.substring(key.indexOf(':') + 1);
        String shown = own.length() > 64 ? own.substring(0, 64) + "..." : own;
        return ApiErrors.idempotencyKeyReused("The Idempotency-Key '" + shown + "' was already used with a different "
                + "request body. Use a new key for a new request.");
    }

    /** SHA-256 (hex) of the body with object keys sorted at every level, so key order does not matter. */
    public static String fingerprint(JsonObject body) {
        return fingerprint(((JsonObject) canonical(body)).encode());
    }

    /** SHA-256 (hex) of an already canonical body. */
    public static String fingerprint(String canonicalBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // JsonObject and JsonArray iteration wraps nested Maps and Lists, so two cases cover all.
    private static Object canonical(Object value) {
        if (value instanceof JsonObject o) {
            Map<String, Object> sorted = new TreeMap<>();
            o.forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return new JsonObject(sorted);
        }
        if (value instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return value;
    }

    private record Entry<T>(String fingerprint, Future<T> result) {
    }
}
