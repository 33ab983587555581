package dev.easel.adapter.replicate;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderConfig;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.JsonBodies;
import dev.easel.adapter.http.KeyScope;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.UpstreamFailures;
import dev.easel.adapter.poll.JobPoller;
import dev.easel.adapter.poll.PollStep;
import dev.easel.adapter.poll.PolledJob;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Replicate predictions: create with {@code Prefer: wait=N}; if the prediction is not
 * finished by then, poll {@code urls.get}; cancel with {@code urls.cancel}.
 */
final class ReplicateAdapter implements ImageAdapter {

    private static final Set<String> KEY_FAMILIES = Set.of("replicate.com");
    private static final long CANCEL_TIMEOUT_MS = 10_000;

    private final ProviderConfig config;
    private final WebClient client;
    private final JobPoller poller;
    private final Clock clock;
    private final int preferWait;

    ReplicateAdapter(ProviderConfig config, WebClient client, JobPoller poller, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.preferWait = ReplicateRequests.configuredWait(config.options().get("prefer_wait_seconds"));
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String provider = config.id();
        MappedRequest mapped = ReplicateRequests.map(request, provider);
        return Deadlines.beforeCall(clock, request.deadline(), provider, "submitting")
                .compose(left -> authorized(HttpMethod.POST,
                                ReplicateRequests.createUrl(config.baseUrl(), request.providerModel()), left)
                        .putHeader("Prefer", "wait=" + ReplicateRequests.preferWaitSeconds(left, preferWait))
                        .putHeader("Cancel-After", ReplicateRequests.cancelAfter(left))
                        .sendJsonObject(mapped.body()))
                .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(provider, "creating the prediction", e)))
                .compose(response -> created(response, request))
                .map(mapped::withWarnings);
    }

    private Future<AdapterResult> created(HttpResponse<Buffer> response, AdapterRequest request) {
        JsonObject prediction = predictionOf(response);
        PollStep<AdapterResult> step = ReplicateResponses.prediction(prediction, response.statusCode(), config.id());
        if (step instanceof PollStep.Completed<AdapterResult> done) {
            return Future.succeededFuture(done.value());
        }
        if (step instanceof PollStep.Failed<AdapterResult> failed) {
            return Future.failedFuture(failed.error());
        }
        ReplicatePrediction urls = ReplicateResponses.urls(prediction);
        String getUrl = urls.getUrl() != null ? urls.getUrl()
                : urls.id() != null ? config.baseUrl() + "/predictions/" + urls.id() : null;
        if (getUrl == null) {
            return Future.failedFuture(new ProviderException(ErrorKind.UPSTREAM, config.id(), response.statusCode(),
                    config.id() + ": the prediction has no id or urls.get to poll"));
        }
        for (String url : new String[] {getUrl, urls.cancelUrl()}) {
            if (url != null && !KeyScope.allows(config.baseUrl(), url, KEY_FAMILIES)) {
                return Future.failedFuture(new ProviderException(ErrorKind.UPSTREAM, config.id(), response.statusCode(),
                        config.id() + ": the prediction URLs point at an unexpected host"));
            }
        }
        return poller.run(new PredictionJob(getUrl, urls.cancelUrl(), request), config.poll(),
                request.deadline(), request.abandoned());
    }

    /** The prediction object of a 2xx answer; any other answer throws the mapped error. */
    private JsonObject predictionOf(HttpResponse<Buffer> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw ReplicateResponses.error(response.statusCode(), response.headers(), response.body(), clock, config.id());
        }
        JsonObject json = JsonBodies.object(response.body());
        if (json == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, config.id(), response.statusCode(),
                    config.id() + ": the answer was not a prediction object");
        }
        return json;
    }

    private HttpRequest<Buffer> authorized(HttpMethod method, String url, long timeoutMs) {
        return client.requestAbs(method, url)
                .putHeader("Authorization", "Bearer " + config.apiKey())
                .putHeader("Accept", "application/json")
                .timeout(Math.max(1, timeoutMs));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    private final class PredictionJob implements PolledJob<AdapterResult> {
        private final String getUrl;
        private final String cancelUrl;
        private final AdapterRequest request;

        PredictionJob(String getUrl, String cancelUrl, AdapterRequest request) {
            this.getUrl = getUrl;
            this.cancelUrl = cancelUrl;
            this.request = request;
        }

        @Override
        public String provider() {
            return config.id();
        }

        @Override
        public Future<PollStep<AdapterResult>> check() {
            return authorized(HttpMethod.GET, getUrl, Deadlines.millisLeft(clock, request.deadline()))
                    .send()
                    .recover(e -> Future.failedFuture(UpstreamFailures.noAnswer(config.id(), "polling the prediction", e)))
                    .map(response -> ReplicateResponses.prediction(predictionOf(response), response.statusCode(), config.id()));
        }

        @Override
        public Future<Void> cancel() {
            if (cancelUrl == null) {
                return Future.succeededFuture();
            }
            return authorized(HttpMethod.POST, cancelUrl, CANCEL_TIMEOUT_MS).send().mapEmpty();
        }
    }
}
