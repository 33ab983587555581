package dev.easel.adapter.fal;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.KeyScope;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.UpstreamFailures;
import dev.easel.adapter.poll.JobPoller;
import dev.easel.adapter.poll.PollStep;
import dev.easel.adapter.poll.PolledJob;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * fal.ai through its queue: submit, follow the returned status URL until COMPLETED, then
 * read the returned response URL. Auth is {@code Authorization: Key <FAL_KEY>}.
 */
final class FalAdapter implements ImageAdapter {

    /** Hosts of one family with the configured queue host may receive the key (see KeyScope). */
    private static final Set<String> KEY_FAMILIES = Set.of("fal.run");
    /** A cancel is best effort after the deadline; it must not linger. */
    private static final long CANCEL_TIMEOUT_MS = 10_000;

    private final ProviderConfig config;
    private final WebClient client;
    private final JobPoller poller;
    private final Clock clock;

    FalAdapter(ProviderConfig config, WebClient client, JobPoller poller, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String provider = config.id();
        MappedRequest mapped = FalRequests.map(request, provider);
        return Deadlines.beforeCall(clock, request.deadline(), provider, "submitting")
                .compose(left -> keyed(HttpMethod.POST, config.baseUrl() + "/" + request.providerModel(), left)
                        .sendJsonObject(mapped.body()))
                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider, "submitting the request", e)))
                .map(this::submitted)
                .compose(urls -> poller.run(new FalJob(urls, request), config.poll(), request.deadline(), request.abandoned()))
                .map(mapped::withWarnings);
    }

    private FalJobUrls submitted(HttpResponse<Buffer> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw FalResponses.error(response.statusCode(), response.headers(), response.body(), clock, config.id());
        }
        FalJobUrls urls = FalResponses.submitted(response.body(), config.id());
        for (String url : new String[] {urls.statusUrl(), urls.responseUrl(), urls.cancelUrl()}) {
            if (url != null && !KeyScope.allows(config.baseUrl(), url, KEY_FAMILIES)) {
                throw new ProviderException(ErrorKind.UPSTREAM, config.id(), response.statusCode(),
                        config.id() + ": the queue returned a job URL on an unexpected host");
            }
        }
        return urls;
    }

    private HttpRequest<Buffer> keyed(HttpMethod method, String url, long timeoutMs) {
        return client.requestAbs(method, url)
                .putHeader("Authorization", "Key " + config.apiKey())
                .putHeader("Accept", "application/json")
                .timeout(Math.max(1, timeoutMs));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    /** One queued request: status until COMPLETED, then the result. */
    private final class FalJob implements PolledJob<AdapterResult> {
        private final FalJobUrls urls;
        private final AdapterRequest request;

        FalJob(FalJobUrls urls, AdapterRequest request) {
            this.urls = urls;
            this.request = request;
        }

        @Override
        public String provider() {
            return config.id();
        }

        @Override
        public Future<PollStep<AdapterResult>> check() {
            String provider = config.id();
            return keyed(HttpMethod.GET, urls.statusUrl(), Deadlines.millisLeft(clock, request.deadline()))
                    .send()
                    .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider, "the status check", e)))
                    .compose(status -> {
                        Duration retryAfter = RetryAfter.parse(status.getHeader("Retry-After"), clock);
                        if (!FalResponses.completed(status.statusCode(), status.headers(), status.body(), clock, provider)) {
                            return Future.succeededFuture(PollStep.pending(retryAfter));
                        }
                        return keyed(HttpMethod.GET, urls.responseUrl(), Deadlines.millisLeft(clock, request.deadline()))
                                .send()
                                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider, "fetching the result", e)))
                                .map(result -> FalResponses.result(result.statusCode(), result.headers(), result.body(),
                                        clock, provider));
                    });
        }

        @Override
        public Future<Void> cancel() {
            if (urls.cancelUrl() == null) {
                return Future.succeededFuture();
            }
            return keyed(HttpMethod.PUT, urls.cancelUrl(), CANCEL_TIMEOUT_MS).send().mapEmpty();
        }
    }
}
