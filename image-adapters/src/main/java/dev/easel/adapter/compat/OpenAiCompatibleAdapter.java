package dev.easel.adapter.compat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.UpstreamClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/** Any upstream speaking OpenAI's {@code POST /images/generations} (Together, xAI, Recraft). */
final class OpenAiCompatibleAdapter implements ImageAdapter {

    private final ProviderContext context;
    private final OpenAiCompatibleOptions options;
    private final WebClient client;
    private final String endpoint;

    OpenAiCompatibleAdapter(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.options = OpenAiCompatibleOptions.from(context.config().options());
        this.endpoint = Objects.requireNonNull(context.config().baseUrl(),
                "provider " + context.config().id() + " needs base_url") + "/images/generations";
        this.client = UpstreamClients.create(context.vertx(), context.config());
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String id = context.config().id();
        OpenAiCompatibleRequestMapper.Mapped mapped = OpenAiCompatibleRequestMapper.map(request, options);
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

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, OpenAiCompatibleRequestMapper.Mapped mapped) {
        String id = context.config().id();
        int status = response.statusCode();
        if (status / 100 != 2) {
            return Future.failedFuture(OpenAiCompatibleResponseMapper.error(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        // Decoding megabytes of base64 is CPU work: off the event loop.
        return context.worker().<AdapterResult>executeBlocking(() -> OpenAiCompatibleResponseMapper.result(
                        id, body == null ? null : body.toString(), mapped.mediaType(), mapped.warnings()), false)
                .recover(e -> Future.failedFuture(e instanceof ProviderException known ? known
                        : new ProviderException(ErrorKind.UPSTREAM, id, status,
                                id + " answered an images response Easel cannot read", null, e)));
    }

    /** No HTTP answer at all: both are worth trying elsewhere. */
    private static ProviderException transportFailure(String id, Throwable cause) {
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
