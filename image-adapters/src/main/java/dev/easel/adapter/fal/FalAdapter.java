package dev.easel.adapter.fal;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.poll.JobQueueCall;
import dev.easel.adapter.poll.PollStep;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * fal.ai through its queue: submit, follow the returned status URL until COMPLETED, then
 * read the returned response URL; cancel with a PUT to the returned cancel URL. Auth is
 * {@code Authorization: Key <FAL_KEY>}.
 */
final class FalAdapter implements ImageAdapter {

    /** Hosts of one family with the configured queue host may receive the key (see KeyScope). */
    private static final Set<String> KEY_FAMILIES = Set.of("fal.run");

    private final JobQueueCall call;

    FalAdapter(ProviderContext context) {
        this.call = new JobQueueCall(context, "Authorization", "Key ", KEY_FAMILIES, FalResponses::error);
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        MappedRequest mapped;
        try {
            mapped = FalRequests.map(request, call.provider());
        } catch (ProviderException e) {
            return Future.failedFuture(e); // an edit this app cannot take
        }
        return call.submit(call.baseUrl() + "/" + request.providerModel(), mapped.body(), request.deadline(),
                        "submitting the request")
                .map(this::submitted)
                .compose(urls -> call.poll(() -> check(urls, request), HttpMethod.PUT, urls.cancelUrl(),
                        request.deadline(), request.abandoned()))
                .map(mapped::withWarnings);
    }

    private FalJobUrls submitted(HttpResponse<Buffer> response) {
        FalJobUrls urls = FalResponses.submitted(response.body(), call.provider());
        call.requireKeyScope(response.statusCode(), "the queue returned a job URL",
                urls.statusUrl(), urls.responseUrl(), urls.cancelUrl());
        return urls;
    }

    /** The status until COMPLETED, then the result. */
    private Future<PollStep<AdapterResult>> check(FalJobUrls urls, AdapterRequest request) {
        String provider = call.provider();
        return call.get(urls.statusUrl(), request.deadline(), "the status check").compose(status -> {
            Duration retryAfter = RetryAfter.parse(status.getHeader("Retry-After"), call.clock());
            if (!FalResponses.completed(status.statusCode(), status.headers(), status.body(), call.clock(), provider)) {
                return Future.succeededFuture(PollStep.pending(retryAfter));
            }
            return call.get(urls.responseUrl(), request.deadline(), "fetching the result")
                    .map(result -> FalResponses.result(result.statusCode(), result.headers(), result.body(),
                            call.clock(), provider));
        });
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
