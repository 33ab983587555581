package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.Warning;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.MappedForm;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.http.UpstreamFailures;
import dev.easel.adapter.http.WorkerReads;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code POST {base}/images/generations} (JSON) or {@code POST {base}/images/edits}
 * (multipart) with a Bearer key, as OpenAI and every OpenAI-compatible upstream take it: the
 * wire is the same, only how bodies are mapped differs, so the mappers are passed in. The
 * answer is read on the worker pool, because it carries megabytes of base64; a streamed one
 * ({@code stream: true}) event by event as it arrives ({@link OpenAiStreamBody}).
 */
public final class OpenAiImagesCall {

    /** Reads a 2xx body into images. */
    @FunctionalInterface
    public interface Results {
        AdapterResult read(String providerId, String body, String mediaType, List<Warning> warnings);
    }

    /** Reads a non-2xx answer into the provider's failure. */
    @FunctionalInterface
    public interface Errors {
        ProviderException read(String providerId, int status, String body, Duration retryAfter);
    }

    private final ProviderContext context;
    private final WebClient client;
    private final String endpoint;
    private final String editsEndpoint;
    private final Results results;
    private final Errors errors;

    public OpenAiImagesCall(ProviderContext context, Results results, Errors errors) {
        this.context = Objects.requireNonNull(context, "context");
        this.results = Objects.requireNonNull(results, "results");
        this.errors = Objects.requireNonNull(errors, "errors");
        String base = Objects.requireNonNull(context.config().baseUrl(),
                "provider " + context.config().id() + " needs base_url");
        this.endpoint = base + "/images/generations";
        this.editsEndpoint = base + "/images/edits";
        this.client = UpstreamClients.create(context.vertx(), context.config());
    }

    public Future<AdapterResult> send(MappedRequest mapped, Instant deadline) {
        String id = context.config().id();
        return Deadlines.beforeCall(context.clock(), deadline, id, "the call")
                .compose(left -> client.postAbs(endpoint)
                        .putHeader("Authorization", "Bearer " + context.config().apiKey())
                        .putHeader("Accept", "application/json")
                        .timeout(left)
                        .sendJsonObject(mapped.body()))
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped)
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the images call", ar.cause())));
    }

    /** An edit: the form's fields and files as {@code multipart/form-data}, each file its own part. */
    public Future<AdapterResult> sendEdit(MappedForm mapped, Instant deadline) {
        String id = context.config().id();
        return Deadlines.beforeCall(context.clock(), deadline, id, "the call")
                .compose(left -> client.postAbs(editsEndpoint)
                        .putHeader("Authorization", "Bearer " + context.config().apiKey())
                        .putHeader("Accept", "application/json")
                        .timeout(left)
                        .multipartMixed(false)
                        .sendMultipartForm(mapped.form()))
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped.mediaType(), mapped.warnings())
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the edits call", ar.cause())));
    }

    /**
     * A generation whose body asks for {@code stream: true}: previews go to
     * {@code request.partials()} as the events arrive, the completed images are the result.
     */
    public Future<AdapterResult> stream(MappedRequest mapped, AdapterRequest request) {
        String id = context.config().id();
        return Deadlines.beforeCall(context.clock(), request.deadline(), id, "the call")
                .compose(left -> streaming(endpoint, left)
                        .as(streamBody(request, mapped.mediaType(), mapped.warnings()))
                        .sendJsonObject(mapped.body()))
                .transform(ar -> ar.succeeded()
                        ? streamed(ar.result(), mapped.mediaType(), mapped.warnings())
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the images call", ar.cause())));
    }

    /** An edit whose form asks for {@code stream=true}, read as {@link #stream} reads a generation. */
    public Future<AdapterResult> streamEdit(MappedForm mapped, AdapterRequest request) {
        String id = context.config().id();
        return Deadlines.beforeCall(context.clock(), request.deadline(), id, "the call")
                .compose(left -> streaming(editsEndpoint, left)
                        .multipartMixed(false)
                        .as(streamBody(request, mapped.mediaType(), mapped.warnings()))
                        .sendMultipartForm(mapped.form()))
                .transform(ar -> ar.succeeded()
                        ? streamed(ar.result(), mapped.mediaType(), mapped.warnings())
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the edits call", ar.cause())));
    }

    private HttpRequest<Buffer> streaming(String url, long left) {
        return client.postAbs(url)
                .putHeader("Authorization", "Bearer " + context.config().apiKey())
                // Errors still come as JSON; the body codec reads whichever arrives.
                .putHeader("Accept", "text/event-stream")
                .timeout(left);
    }

    private OpenAiStreamBody streamBody(AdapterRequest request, String mediaType, List<Warning> warnings) {
        String id = context.config().id();
        return new OpenAiStreamBody(id, UpstreamClients.maxBodyBytes(context.config()), context.worker(),
                request.abandoned(), new OpenAiStreamedAnswer(id, request.n(), request.partials(), mediaType, warnings));
    }

    private Future<AdapterResult> streamed(HttpResponse<OpenAiStreamBody.Answer> response, String mediaType,
                                           List<Warning> warnings) {
        String id = context.config().id();
        int status = response.statusCode();
        OpenAiStreamBody.Answer answer = response.body();
        Buffer plain = answer == null ? null : answer.plain();
        if (status / 100 != 2) {
            return Future.failedFuture(errors.read(id, status, plain == null ? null : plain.toString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        if (answer != null && answer.streamed() != null) {
            return Future.succeededFuture(answer.streamed());
        }
        // A 2xx that is not an event stream: an upstream that ignored stream: true and answered JSON.
        return WorkerReads.read(context.worker(), id, status, "an images response", () -> results.read(
                id, plain == null ? null : plain.toString(), mediaType, warnings));
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, MappedRequest mapped) {
        return answer(response, mapped.mediaType(), mapped.warnings());
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, String mediaType, List<Warning> warnings) {
        String id = context.config().id();
        int status = response.statusCode();
        if (status / 100 != 2) {
            return Future.failedFuture(errors.read(id, status, response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
        }
        Buffer body = response.body();
        return WorkerReads.read(context.worker(), id, status, "an images response", () -> results.read(
                id, body == null ? null : body.toString(), mediaType, warnings));
    }

    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
