package dev.easel.adapter.compat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
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
        MappedRequest mapped = OpenAiCompatibleRequestMapper.map(request, options);
        return Deadlines.beforeCall(context.clock(), request.deadline(), id, "the call")
                .compose(left -> client.postAbs(endpoint)
                        .putHeader("Authorization", "Bearer " + context.config().apiKey())
                        .putHeader("Accept", "application/json")
                        .timeout(left)
                        .sendJsonObject(mapped.body()))
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped)
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the images call", ar.cause())));
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, MappedRequest mapped) {
        String id = context.config().id();
        int status = response.statusCode();
        if (status / 100 != 2) {
            return Future.failedFuture(OpenAiCompatibleResponseMapper.error(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        return WorkerReads.read(context.worker(), id, status, "an images response",
                () -> OpenAiCompatibleResponseMapper.result(
                        id, body == null ? null : body.toString(), mapped.mediaType(), mapped.warnings()));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
