package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/** OpenAI's synchronous {@code POST /images/generations}: one HTTP call, the images in the answer. */
final class OpenAiAdapter implements ImageAdapter {

    private final ProviderContext context;
    private final WebClient client;
    private final String endpoint;

    OpenAiAdapter(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.client = UpstreamClients.create(context.vertx(), context.config());
        this.endpoint = Objects.requireNonNull(context.config().baseUrl(), "base_url") + "/images/generations";
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String id = context.config().id();
        OpenAiRequestMapper.Mapped mapped = OpenAiRequestMapper.map(request, id);
        long remainingMs = Duration.between(context.clock().instant(), request.deadline()).toMillis();
        if (remainingMs <= 0) {
            return Future.failedFuture(new ProviderException(ErrorKind.TIMEOUT, id, 0,
                    id + ": the request deadline passed before the call"));
        }
        return client.postAbs(endpoint)
                .putHeader("Authorization", "Bearer " + context.config().apiKey())
                .putHeader("Accept", "application/json")
                .timeout(remainingMs)
                .sendJsonObject(mapped.body())
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped)
                        : Future.failedFuture(transportFailure(id, ar.cause())));
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, OpenAiRequestMapper.Mapped mapped) {
        String id = context.config().id();
        int status = response.statusCode();
        if (status / 100 != 2) {
            return Future.failedFuture(OpenAiResponseMapper.error(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        // Decoding megabytes of base64 is CPU work: off the event loop.
        return context.worker().<AdapterResult>executeBlocking(() -> OpenAiResponseMapper.result(
                        id, body == null ? null : body.toString(), mapped.mediaType(), mapped.warnings()), false)
                .recover(e -> Future.failedFuture(e instanceof ProviderException known ? known
                        : new ProviderException(ErrorKind.UPSTREAM, id, status,
                                id + " answered an ImagesResponse Easel cannot read", null, e)));
    }

    /** No HTTP answer at all: both are worth trying elsewhere. */
    static ProviderException transportFailure(String id, Throwable cause) {
        if (cause instanceof ProviderException known) {
            return known;
        }
        if (cause instanceof TimeoutException) {
            return new ProviderException(ErrorKind.TIMEOUT, id, 0, id + ": no answer before the deadline", null, cause);
        }
        return new ProviderException(ErrorKind.UNAVAILABLE, id, 0,
                id + ": connection failed (" + cause.getClass().getSimpleName() + ")", null, cause);
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
