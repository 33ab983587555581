package dev.easel.adapter.bfl;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.KeyScope;
import dev.easel.adapter.http.MappedRequest;
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
import java.util.Objects;
import java.util.Set;

/**
 * Black Forest Labs: submit, then poll the returned {@code polling_url} until Ready. The
 * key goes only to the configured API host or another {@code bfl.ai}/{@code bfl.ml} host
 * (BFL answers with regional hosts); a polling URL anywhere else is refused. BFL has no
 * cancel endpoint, so an abandoned task just stops being polled.
 */
final class BflAdapter implements ImageAdapter {

    static final Set<String> KEY_FAMILIES = Set.of("bfl.ai", "bfl.ml");

    private final ProviderConfig config;
    private final WebClient client;
    private final JobPoller poller;
    private final Clock clock;

    BflAdapter(ProviderConfig config, WebClient client, JobPoller poller, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String provider = config.id();
        MappedRequest mapped = BflRequests.map(request, provider);
        String mediaType = mapped.body().getString("output_format") == null ? null
                : "image/" + mapped.body().getString("output_format");
        return Deadlines.beforeCall(clock, request.deadline(), provider, "submitting")
                .compose(left -> keyed(HttpMethod.POST, config.baseUrl() + "/" + request.providerModel(), left)
                        .putHeader("Content-Type", "application/json")
                        .sendBuffer(mapped.body().toBuffer()))
                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider, "submitting the task", e)))
                .map(this::submitted)
                .compose(task -> poller.run(new BflJob(task, request, mediaType), config.poll(),
                        request.deadline(), request.abandoned()))
                .map(mapped::withWarnings);
    }

    private BflTask submitted(HttpResponse<Buffer> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw BflResponses.error(response.statusCode(), response.headers(), response.body(), clock, config.id());
        }
        BflTask task = BflResponses.submitted(response.body(), config.baseUrl(), config.id());
        if (!KeyScope.allows(config.baseUrl(), task.pollingUrl(), KEY_FAMILIES)) {
            // Polling without the key would only get a 401/403; sending it would leak it.
            throw new ProviderException(ErrorKind.UPSTREAM, config.id(), response.statusCode(),
                    config.id() + ": polling URL on an unexpected host");
        }
        return task;
    }

    private HttpRequest<Buffer> keyed(HttpMethod method, String url, long timeoutMs) {
        return client.requestAbs(method, url)
                .putHeader("x-key", config.apiKey())
                .putHeader("accept", "application/json")
                .timeout(Math.max(1, timeoutMs));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    private final class BflJob implements PolledJob<AdapterResult> {
        private final BflTask task;
        private final AdapterRequest request;
        private final String mediaType;

        BflJob(BflTask task, AdapterRequest request, String mediaType) {
            this.task = task;
            this.request = request;
            this.mediaType = mediaType;
        }

        @Override
        public String provider() {
            return config.id();
        }

        @Override
        public Future<PollStep<AdapterResult>> check() {
            return keyed(HttpMethod.GET, task.pollingUrl(), Deadlines.millisLeft(clock, request.deadline()))
                    .send()
                    .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(config.id(), "polling the task", e)))
                    .map(response -> {
                        if (response.statusCode() < 200 || response.statusCode() > 299) {
                            throw BflResponses.error(response.statusCode(), response.headers(), response.body(),
                                    clock, config.id());
                        }
                        return BflResponses.poll(response.body(), response.statusCode(), mediaType, config.id());
                    });
        }
        // No cancel(): BFL has no cancel endpoint; the default does nothing.
    }
}
