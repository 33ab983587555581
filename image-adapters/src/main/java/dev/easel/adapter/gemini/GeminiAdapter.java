package dev.easel.adapter.gemini;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.http.UpstreamFailures;
import dev.easel.adapter.http.WorkerReads;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Objects;
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
        MappedRequest mapped;
        try {
            mapped = GeminiRequestMapper.map(request, id);
        } catch (ProviderException e) {
            return Future.failedFuture(e);
        }
        // The key travels in a header, never in ?key=, so it cannot end up in URL logs.
        return Deadlines.beforeCall(context.clock(), request.deadline(), id, "the call")
                .compose(left -> client.postAbs(base + "/models/" + model + ":generateContent")
                        .putHeader("x-goog-api-key", context.config().apiKey())
                        .putHeader("Accept", "application/json")
                        .timeout(left)
                        .sendJsonObject(mapped.body()))
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped)
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the generateContent call", ar.cause())));
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, MappedRequest mapped) {
        String id = context.config().id();
        int status = response.statusCode();
        if (status / 100 != 2) {
            return Future.failedFuture(GeminiResponseMapper.error(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        // A 4K image is ~20 MB of base64.
        return WorkerReads.read(context.worker(), id, status, "a generateContent response",
                () -> GeminiResponseMapper.result(id, body == null ? null : body.toString(), mapped.warnings()));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
