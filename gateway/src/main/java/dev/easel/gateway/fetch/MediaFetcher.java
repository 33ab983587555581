package dev.easel.gateway.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Downloads provider image URLs with an SSRF guard.
 *
 * <p>Every hop (the URL and each redirect) is resolved first, on a worker thread, and refused
 * when any resolved address is internal (see {@link SsrfGuard}) unless the host is trusted by
 * the provider's {@link FetchPolicy}. The connection then goes to the very address that was
 * checked ({@link RequestOptions#setServer}) while the Host header and TLS SNI/verification
 * keep the original name, so a DNS answer that changes between check and connect (rebinding)
 * cannot redirect the request.
 *
 * <p>This uses the core {@code HttpClient} (one, created once) rather than a {@code WebClient}:
 * the size cap needs the response head before the body (to refuse a large Content-Length up
 * front) and a streaming body it can cut off, both hidden behind WebClient's body codecs.
 *
 * <p>The fetcher knows no keys: it sends only User-Agent and Accept. Provider media URLs are
 * pre-signed; an Authorization header here could leak a key to whatever host a redirect names.
 */
public final class MediaFetcher {

    private static final String USER_AGENT = "easel-gateway";

    private final Vertx vertx;
    private final FetchSettings settings;
    private final HttpClientAgent client;
    private final HostSlots slots;

    public MediaFetcher(Vertx vertx, FetchSettings settings) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setKeepAlive(true)
                // Redirects are followed by hand so each hop goes through the guard.
                .setMaxRedirects(0)
                // No Accept-Encoding: a small gzip body must not inflate past the cap unnoticed.
                .setDecompressionSupported(false)
                .setVerifyHost(true);
        // As many pooled connections per host as slots: the wait happens in HostSlots, bounded in time.
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxPerHost()));
        this.slots = new HostSlots(vertx, settings.maxPerHost());
    }

    /**
     * Fetches {@code url} within {@link FetchSettings#totalTimeout()}; see
     * {@link #fetch(String, FetchPolicy, Instant, Future)}.
     */
    public Future<FetchedMedia> fetch(String url, FetchPolicy policy) {
        return fetch(url, policy, null, Promise.<Void>promise().future());
    }

    /**
     * Fetches {@code url}, all of it (redirects included) before {@code deadline} and
     * {@link FetchSettings#totalTimeout()} from now, whichever is sooner; when {@code ended}
     * completes first (the request is over) the download stops and its connection is closed.
     * Fails with {@link ProviderException}: UPSTREAM for a refused or malformed URL, too many
     * redirects or a 4xx; UNAVAILABLE for DNS, connect and read failures, 5xx, no free slot for
     * the host in time, or a download stopped by {@code ended}; TIMEOUT past the deadline;
     * INVALID_IMAGE when the body exceeds {@link FetchSettings#maxBytes()}.
     *
     * @param deadline the request's deadline, or null for the total timeout alone
     */
    public Future<FetchedMedia> fetch(String url, FetchPolicy policy, Instant deadline, Future<Void> ended) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ended, "ended");
        long budget = settings.totalTimeout().toMillis();
        if (deadline != null) {
            budget = Math.min(budget, deadline.toEpochMilli() - System.currentTimeMillis());
        }
        if (budget <= 0) {
            return Future.failedFuture(error(ErrorKind.TIMEOUT, policy, 0,
                    "no time was left to download the image from " + policy.provider()));
        }
        Download download = new Download(policy, budget);
        ended.onComplete(x -> download.stop(error(ErrorKind.UNAVAILABLE, policy, 0,
                "downloading the image from " + policy.provider() + " was stopped: the request ended")));
        hop(download, url, 0).onComplete(ar -> {
            if (ar.succeeded()) {
                download.finish(ar.result());
            } else {
                download.stop(ar.cause());
            }
        });
        return download.result.future();
    }

    /** Closes the HTTP client; in-flight fetches fail. */
    public Future<Void> close() {
        return client.close();
    }

    /** Downloads in flight to {@code host:port} right now. */
    int inFlight(String host, int port) {
        return slots.inFlight(host + ":" + port);
    }

    private Future<FetchedMedia> hop(Download d, String url, int redirects) {
        FetchPolicy policy = d.policy;
        Target target;
        try {
            target = Target.parse(url);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(error(ErrorKind.UPSTREAM, policy, 0, e.getMessage() + " from " + policy.provider()));
        }
        boolean trusted = policy.trusts(target.host(), target.port());
        String slot = target.host() + ":" + target.port();
        return resolve(target, policy)
                .compose(addresses -> {
                    if (!trusted && Arrays.stream(addresses).anyMatch(SsrfGuard::isInternal)) {
                        return Future.failedFuture(error(ErrorKind.UPSTREAM, policy, 0,
                                "refused to fetch an internal address from " + policy.provider()));
                    }
                    return slots.acquire(slot, Math.min(settings.queueTimeout().toMillis(), d.millisLeft()), d.ended())
                            .recover(e -> Future.failedFuture(d.stopped() != null ? d.stopped()
                                    : error(ErrorKind.UNAVAILABLE, policy, 0, "too many downloads from the image host "
                                    + target.host() + " of " + policy.provider() + " are in flight; none finished in time")))
                            .compose(v -> exchange(d, target, pick(addresses))
                                    .eventually(() -> {
                                        slots.release(slot);
                                        return Future.succeededFuture();
                                    }));
                })
                .compose(outcome -> outcome.media() != null ? Future.succeededFuture(outcome.media())
                        : followRedirect(d, outcome, target, redirects));
    }

    /** One request and its answer: the image, or where a redirect points. */
    private Future<Outcome> exchange(Download d, Target target, InetAddress address) {
        FetchPolicy policy = d.policy;
        return send(d, target, address)
                .compose(response -> {
                    int status = response.statusCode();
                    if (isRedirect(status)) {
                        String location = response.getHeader(HttpHeaders.LOCATION);
                        discard(response);
                        return Future.succeededFuture(new Outcome(null, status, location));
                    }
                    if (status < 200 || status > 299) {
                        discard(response);
                        ErrorKind kind = status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.UPSTREAM;
                        return Future.failedFuture(error(kind, policy, status,
                                "downloading the image from " + policy.provider() + " failed with HTTP " + status
                                        + " (host " + target.host() + ")"));
                    }
                    return readBody(d, response, target).map(media -> new Outcome(media, status, null));
                });
    }

    /** Blocking DNS on a worker, unordered so lookups of concurrent fetches do not queue behind each other. */
    private Future<InetAddress[]> resolve(Target target, FetchPolicy policy) {
        return vertx.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(target.host()), false)
                .recover(e -> Future.failedFuture(error(ErrorKind.UNAVAILABLE, policy, 0,
                        (e instanceof UnknownHostException ? "could not resolve the image host " : "name lookup failed for the image host ")
                                + target.host() + " from " + policy.provider())));
    }

    /** IPv4 first: it is routable almost everywhere, IPv6 often is not in containers. */
    private static InetAddress pick(InetAddress[] addresses) {
        return Arrays.stream(addresses)
                .min(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1))
                .orElseThrow();
    }

    /**
     * Sends the GET, and sends it once more when the first try failed before any answer for a
     * reason other than time: a pooled keep-alive connection the host closed just as it was
     * reused fails that way, and the image behind it is already paid for. A GET is safe to repeat.
     */
    private Future<HttpClientResponse> send(Download d, Target target, InetAddress address) {
        return sendOnce(d, target, address)
                .recover(e -> d.stopped() == null && !isTimeout(e) ? sendOnce(d, target, address) : Future.failedFuture(e))
                .recover(e -> Future.failedFuture(d.stopped() != null ? d.stopped() : transportError(e, target, d.policy)));
    }

    private Future<HttpClientResponse> sendOnce(Download d, Target target, InetAddress address) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                // The name as written (IPv6 literals keep their brackets) for Host, SNI and certificate checks.
                .setHost(target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(Math.max(1, Math.min(settings.connectTimeout().toMillis(), d.millisLeft())))
                .setIdleTimeout(settings.readTimeout().toMillis())
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .putHeader(HttpHeaders.ACCEPT, "image/*, */*;q=0.5");
        return client.request(options)
                .compose(request -> {
                    d.attach(request);
                    return request.send();
                });
    }

    private Future<FetchedMedia> followRedirect(Download d, Outcome outcome, Target from, int redirects) {
        FetchPolicy policy = d.policy;
        String location = outcome.location();
        if (redirects >= settings.maxRedirects()) {
            return Future.failedFuture(error(ErrorKind.UPSTREAM, policy, outcome.status(),
                    "the image from " + policy.provider() + " redirected more than " + settings.maxRedirects() + " times"));
        }
        if (location == null || location.isBlank()) {
            return Future.failedFuture(error(ErrorKind.UPSTREAM, policy, outcome.status(),
                    "the image from " + policy.provider() + " redirected without a Location"));
        }
        String next;
        try {
            next = from.uri().resolve(location.trim()).toString();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(error(ErrorKind.UPSTREAM, policy, outcome.status(),
                    "the image from " + policy.provider() + " redirected to an invalid URL"));
        }
        return hop(d, next, redirects + 1);
    }

    private Future<FetchedMedia> readBody(Download d, HttpClientResponse response, Target target) {
        FetchPolicy policy = d.policy;
        long max = settings.maxBytes();
        String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > max) {
                discard(response);
                return Future.failedFuture(tooLarge(policy, response.statusCode()));
            }
        }
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
        String type = contentType == null ? "application/octet-stream" : contentType;
        Promise<FetchedMedia> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > max) {
                // Stop reading at once: the rest of an oversized body is never buffered.
                promise.tryFail(tooLarge(policy, response.statusCode()));
                discard(response);
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(e -> promise.tryFail(d.stopped() != null ? d.stopped() : transportError(e, target, policy)));
        response.endHandler(v -> promise.tryComplete(new FetchedMedia(body.getBytes(), type, target.uri().toString())));
        // A deadline or the end of the request stops the read even if the reset raises nothing.
        d.ended().onComplete(x -> {
            if (!promise.future().isComplete()) {
                promise.tryFail(d.stopped() != null ? d.stopped()
                        : transportError(new IllegalStateException("stopped"), target, policy));
            }
        });
        return promise.future();
    }

    /** One fetch: its deadline, the request on the wire now, and how it ended. */
    private final class Download {
        final FetchPolicy policy;
        final Promise<FetchedMedia> result = Promise.promise();
        private final Promise<Void> ended = Promise.promise();
        private final long deadlineMs;
        private final long timer;
        private volatile HttpClientRequest current;
        private volatile Throwable stopped;

        Download(FetchPolicy policy, long budgetMs) {
            this.policy = policy;
            this.deadlineMs = System.currentTimeMillis() + budgetMs;
            this.timer = vertx.setTimer(budgetMs, id -> stop(error(ErrorKind.TIMEOUT, policy, 0,
                    "downloading the image from " + policy.provider() + " took longer than " + budgetMs + " ms")));
        }

        long millisLeft() {
            return Math.max(1, deadlineMs - System.currentTimeMillis());
        }

        Future<Void> ended() {
            return ended.future();
        }

        /** Why the download was stopped from outside (deadline, request over), or null. */
        Throwable stopped() {
            return stopped;
        }

        void attach(HttpClientRequest request) {
            current = request;
            if (ended.future().isComplete()) {
                request.reset();
            }
        }

        void finish(FetchedMedia media) {
            vertx.cancelTimer(timer);
            result.tryComplete(media);
            ended.tryComplete();
        }

        void stop(Throwable why) {
            if (result.future().isComplete()) {
                return;
            }
            stopped = why;
            vertx.cancelTimer(timer);
            result.tryFail(why);
            ended.tryComplete();
            HttpClientRequest request = current;
            if (request != null) {
                // Closes the connection: a trickling host must not keep it, nor its slot.
                request.reset();
            }
        }
    }

    /** What one exchange gave: the image, or a redirect's status and Location. */
    private record Outcome(FetchedMedia media, int status, String location) {
    }

    /** Drops the rest of a response we will not read; resetting closes an HTTP/1.1 connection. */
    private static void discard(HttpClientResponse response) {
        response.handler(null);
        // The reset surfaces as a StreamResetException on the response; it is expected here.
        response.exceptionHandler(ignored -> { });
        response.request().reset();
    }

    private ProviderException tooLarge(FetchPolicy policy, int status) {
        return error(ErrorKind.INVALID_IMAGE, policy, status,
                "the image from " + policy.provider() + " is larger than the " + settings.maxBytes() + " byte limit");
    }

    private static ProviderException transportError(Throwable e, Target target, FetchPolicy policy) {
        if (e instanceof ProviderException pe) {
            return pe;
        }
        // Never the cause's message: Vert.x puts the request URI (with signed tokens) in it.
        String what = isTimeout(e) ? "timed out" : "connection failed";
        return error(ErrorKind.UNAVAILABLE, policy, 0,
                "downloading the image from " + policy.provider() + " " + what + " (host " + target.host() + ")");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static ProviderException error(ErrorKind kind, FetchPolicy policy, int status, String message) {
        return new ProviderException(kind, policy.provider(), status, message);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** One parsed hop: only absolute http(s) URLs with a host and no user info. */
    record Target(URI uri, boolean https, String host, int port, String pathAndQuery) {

        static Target parse(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("refused a malformed image URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("refused a non-HTTP image URL");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("refused an image URL with credentials");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("refused an image URL without a host");
            }
            boolean https = scheme.equals("https");
            int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Target(uri, https, SsrfGuard.normalizeHost(uri.getHost()), port, path + query);
        }
    }
}
