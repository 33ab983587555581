package dev.easel.adapter.poll;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.KeyScope;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.http.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The calls of a job-queue provider (fal queue, Replicate, BFL): submit a job, check it
 * until it ends, cancel it when nobody waits any more. The wire steps are the same for
 * each, only the key's header and how bodies are read differ, so those are passed in; the
 * provider's pure request and response mappers stay in its own package.
 *
 * <p>What this class guarantees for every such provider: the key is sent only to the
 * configured API origin or a host of the provider's own domain family ({@link KeyScope});
 * every call is bounded by the request's deadline; a non-2xx answer is read by the
 * provider's error mapper; the job is driven by the shared {@link JobPoller}.
 */
public final class JobQueueCall {

    /** Reads a non-2xx answer into the provider's failure. */
    @FunctionalInterface
    public interface Errors {
        ProviderException read(int status, MultiMap headers, Buffer body, Clock clock, String providerId);
    }

    /** A cancel is best effort after the deadline; it must not linger. */
    static final long CANCEL_TIMEOUT_MS = 10_000;

    private final ProviderConfig config;
    private final Clock clock;
    private final JobPoller poller;
    private final WebClient client;
    private final String keyHeader;
    private final String keyValue;
    private final Set<String> keyFamilies;
    private final Errors errors;

    /**
     * @param keyHeader   the header that carries the key ({@code Authorization}, {@code x-key})
     * @param keyPrefix   what goes before the key in it ({@code "Key "}, {@code "Bearer "}, {@code ""})
     * @param keyFamilies domains whose https hosts may receive the key besides the configured
     *                    one (see {@link KeyScope#allows})
     */
    public JobQueueCall(ProviderContext context, String keyHeader, String keyPrefix, Set<String> keyFamilies,
                        Errors errors) {
        Objects.requireNonNull(context, "context");
        this.config = context.config();
        Objects.requireNonNull(config.baseUrl(), config.id() + " needs a base_url");
        this.clock = context.clock();
        this.poller = context.poller();
        this.keyHeader = Objects.requireNonNull(keyHeader, "keyHeader");
        this.keyValue = Objects.requireNonNull(keyPrefix, "keyPrefix") + config.apiKey();
        this.keyFamilies = Set.copyOf(keyFamilies);
        this.errors = Objects.requireNonNull(errors, "errors");
        this.client = UpstreamClients.create(context.vertx(), config);
    }

    /** The catalog provider id. */
    public String provider() {
        return config.id();
    }

    /** The configured API base URL, without a trailing slash. */
    public String baseUrl() {
        return config.baseUrl();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * POSTs a job's JSON body with the key, if the deadline leaves time for it: the 2xx
     * answer, or the provider's failure.
     *
     * @param step    the step, for messages ({@code "submitting the task"})
     * @param headers adds the provider's own headers, given the milliseconds left
     */
    public Future<HttpResponse<Buffer>> submit(String url, JsonObject body, Instant deadline, String step,
                                               BiFunction<HttpRequest<Buffer>, Long, HttpRequest<Buffer>> headers) {
        return Deadlines.beforeCall(clock, deadline, provider(), step)
                .compose(left -> headers.apply(keyed(HttpMethod.POST, url, left), left).sendJsonObject(body))
                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider(), step, e)))
                .map(this::ok);
    }

    /** As {@link #submit(String, JsonObject, Instant, String, BiFunction)} with no headers of the provider's own. */
    public Future<HttpResponse<Buffer>> submit(String url, JsonObject body, Instant deadline, String step) {
        return submit(url, body, deadline, step, (request, left) -> request);
    }

    /**
     * POSTs a multipart form with the key (a provider's file upload), if the deadline leaves
     * time for it: the 2xx answer, or the provider's failure.
     */
    public Future<HttpResponse<Buffer>> submitForm(String url, MultipartForm form, Instant deadline, String step) {
        return Deadlines.beforeCall(clock, deadline, provider(), step)
                .compose(left -> keyed(HttpMethod.POST, url, left).multipartMixed(false).sendMultipartForm(form))
                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider(), step, e)))
                .map(this::ok);
    }

    /**
     * GETs a job URL (already passed through {@link #requireKeyScope}) with the key, bounded
     * by the deadline. Any status is returned: some providers say "pending" or "failed"
     * with a non-2xx answer.
     */
    public Future<HttpResponse<Buffer>> get(String url, Instant deadline, String step) {
        return keyed(HttpMethod.GET, url, Deadlines.millisLeft(clock, deadline))
                .send()
                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider(), step, e)));
    }

    /** As {@link #get}, a non-2xx answer being the provider's failure. */
    public Future<HttpResponse<Buffer>> getOk(String url, Instant deadline, String step) {
        return get(url, deadline, step).map(this::ok);
    }

    /**
     * Refuses a job whose URLs (null ones are skipped) point where the key must not go:
     * polling without the key would only get a 401; sending it would leak it.
     *
     * @param what what the URLs are, for the message ({@code "polling URL"})
     * @throws ProviderException UPSTREAM naming no URL, only that a host was unexpected
     */
    public void requireKeyScope(int status, String what, String... urls) {
        for (String url : urls) {
            if (url != null && !KeyScope.allows(config.baseUrl(), url, keyFamilies)) {
                throw new ProviderException(ErrorKind.UPSTREAM, provider(), status,
                        provider() + ": " + what + " on an unexpected host");
            }
        }
    }

    /**
     * Drives a submitted job with the shared poller until {@code check} says it ended, the
     * deadline passes or {@code abandoned} completes; in the last two cases the job is
     * cancelled by a keyed {@code cancelMethod} to {@code cancelUrl} (nothing is sent when
     * that URL is null).
     */
    public <T> Future<T> poll(Supplier<Future<PollStep<T>>> check, HttpMethod cancelMethod, String cancelUrl,
                              Instant deadline, Future<Void> abandoned) {
        return poller.run(new KeyedJob<>(check, cancelMethod, cancelUrl), config.poll(), deadline, abandoned);
    }

    /** As {@link #poll(Supplier, HttpMethod, String, Instant, Future)} for a provider with no cancel endpoint. */
    public <T> Future<T> poll(Supplier<Future<PollStep<T>>> check, Instant deadline, Future<Void> abandoned) {
        return poll(check, null, null, deadline, abandoned);
    }

    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    private HttpResponse<Buffer> ok(HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            throw errors.read(response.statusCode(), response.headers(), response.body(), clock, provider());
        }
        return response;
    }

    private HttpRequest<Buffer> keyed(HttpMethod method, String url, long timeoutMs) {
        return client.requestAbs(method, url)
                .putHeader(keyHeader, keyValue)
                .putHeader("Accept", "application/json")
                .timeout(Math.max(1, timeoutMs));
    }

    /** One submitted job as the poller sees it. */
    private final class KeyedJob<T> implements PolledJob<T> {
        private final Supplier<Future<PollStep<T>>> check;
        private final HttpMethod cancelMethod;
        private final String cancelUrl;

        KeyedJob(Supplier<Future<PollStep<T>>> check, HttpMethod cancelMethod, String cancelUrl) {
            this.check = Objects.requireNonNull(check, "check");
            this.cancelMethod = cancelMethod;
            this.cancelUrl = cancelUrl;
        }

        @Override
        public String provider() {
            return config.id();
        }

        @Override
        public Future<PollStep<T>> check() {
            return check.get();
        }

        @Override
        public Future<Void> cancel() {
            if (cancelUrl == null || cancelMethod == null) {
                return Future.succeededFuture();
            }
            return keyed(cancelMethod, cancelUrl, CANCEL_TIMEOUT_MS).send().mapEmpty();
        }
    }
}
