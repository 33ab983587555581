package dev.easel.adapter.stability;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.Deadlines;
import dev.easel.adapter.http.MappedForm;
import dev.easel.adapter.http.RetryAfter;
import dev.easel.adapter.http.UpstreamClients;
import dev.easel.adapter.http.UpstreamFailures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.Objects;
import java.util.regex.Pattern;

/** Stability's v2beta Stable Image generate and inpaint endpoints: multipart in, raw image bytes out. */
final class StabilityAdapter implements ImageAdapter {

    /** core, ultra or sd3 go into the path: refuse anything that could change it. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final ProviderContext context;
    private final WebClient client;
    private final String base;

    StabilityAdapter(ProviderContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.base = Objects.requireNonNull(context.config().baseUrl(), "base_url");
        this.client = UpstreamClients.create(context.vertx(), context.config());
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        String id = context.config().id();
        if (!MODEL_ID.matcher(request.providerModel()).matches()) {
            return Future.failedFuture(new ProviderException(ErrorKind.INVALID_REQUEST, id, 0,
                    id + ": the route's model must be core, ultra or sd3"));
        }
        MappedForm mapped;
        String path;
        try {
            path = StabilityRequestMapper.path(request, id);
            mapped = StabilityRequestMapper.map(request, id);
        } catch (ProviderException e) {
            return Future.failedFuture(e);
        }
        // Stability takes multipart/form-data only, even with no file in it.
        MultipartForm form = mapped.form();
        return Deadlines.beforeCall(context.clock(), request.deadline(), id, "the call")
                .compose(left -> client.postAbs(base + "/v2beta/stable-image/" + path)
                        .putHeader("Authorization", "Bearer " + context.config().apiKey())
                        .putHeader("Accept", "image/*")
                        .timeout(left)
                        .multipartMixed(false)
                        .sendMultipartForm(form))
                .transform(ar -> ar.succeeded()
                        ? answer(ar.result(), mapped)
                        : Future.failedFuture(UpstreamFailures.noAnswer(id, "the generate call", ar.cause())));
    }

    private Future<AdapterResult> answer(HttpResponse<Buffer> response, MappedForm mapped) {
        String id = context.config().id();
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
        try {
            if (status / 100 != 2) {
                return Future.failedFuture(StabilityResponseMapper.error(id, status, body,
                        RetryAfter.parse(response.getHeader("Retry-After"), context.clock())));
            }
            return Future.succeededFuture(StabilityResponseMapper.result(id, new StabilityResponseMapper.Answer(
                    response.getHeader("Content-Type"), response.getHeader("finish-reason"),
                    response.getHeader("seed"), response.getHeader("x-request-id"), body), mapped.warnings()));
        } catch (RuntimeException e) {
            // Usually raw image bytes with nothing to decode, so this stays off the worker pool.
            return Future.failedFuture(UpstreamFailures.unreadable(id, status, "something", e));
        }
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }
}
