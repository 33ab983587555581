package dev.easel.adapter.gemini;

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
import java.util.regex.Pattern;

/** Gemini image models through the synchronous {@code models/{model}:generateContent}. */
final class GeminiAdapter implements ImageAdapter {

    /** The model goes into the path: refuse anything that could change it. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final ProviderContext context;
    private final WebClient client;
    private final String base;

    GeminiAdapter(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.base = Objects.requireNonNull(context.config().baseUrl(), "base_url");
        this.client = UpstreamClients.create(context.vertx(), context.config());
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String id = context.config().id();
        String model = request.providerModel().startsWith("models/")
                ? request.providerModel().substring("models/".length()) : request.providerModel();
        if (!MODEL_ID.matcher(model).matches()) {
            return Future.failedFuture(new ProviderException(ErrorKind.INVALID_REQUEST, id, 0,
                    id + ": the route's model id is not a Gemini model id"));
        }
        GeminiRequestMapper.Mapped mapped = GeminiRequestMapper.map(request, id);
        long remainingMs = Duration.between(context.clock().instant(), request.deadline()).toMillis();
        if (remainingMs <= 0) {
            return Future.failedFuture(new ProviderException(ErrorKind.TIMEOUT, id, 0,
                    id + ": the request deadline passed before the call"));
        }
        // The key travels in a header, never in ?key=, so it cannot end up in URL logs.
        return client.postAbs(base + "/models/" + model + ":generateContent")
                .putHeader("x-goog-api-key", context.config().apiKey())
                .putHeader("Accept", "application/json")
                .timeout(remainingMs)
                .sendJsonObject(mapped.body())
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped)
                        : Future.failedFuture(transportFailure(id, ar.cause())));
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, GeminiRequestMapper.Mapped mapped) {
        String id = context.config().id();
        int status = response.statusCode();
        if (status / 100 != 2) {
            return Future.failedFuture(GeminiResponseMapper.error(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        // A 4K image is ~20 MB of base64: parse and decode off the event loop.
        return context.worker().<AdapterResult>executeBlocking(() -> GeminiResponseMapper.result(
                        id, body == null ? null : body.toString(), mapped.warnings()), false)
                .recover(e -> Future.failedFuture(e instanceof ProviderException known ? known
                        : new ProviderException(ErrorKind.UPSTREAM, id, status,
                                id + " answered a generateContent response Easel cannot read", null, e)));
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
