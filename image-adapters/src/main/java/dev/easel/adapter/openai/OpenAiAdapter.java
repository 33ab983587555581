package dev.easel.adapter.openai;

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
        MappedRequest mapped = OpenAiRequestMapper.map(request, id);
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
            return Future.failedFuture(OpenAiResponseMapper.error(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        return WorkerReads.read(context.worker(), id, status, "an ImagesResponse", () -> OpenAiResponseMapper.result(
                id, body == null ? null : body.toString(), mapped.mediaType(), mapped.warnings()));
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
