package dev.easel.adapter.replicate;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.InputImage;
import dev.easel.adapter.Operation;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.JsonBodies;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.poll.JobQueueCall;
import dev.easel.adapter.poll.PollStep;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replicate predictions (an edit's large images first uploaded to the Files API): create with {@code Prefer: wait=N}; if the prediction is not
 * finished by then, poll {@code urls.get}; cancel with {@code urls.cancel}.
 */
final class ReplicateAdapter implements ImageAdapter {

    private static final Set<String> KEY_FAMILIES = Set.of("replicate.com");

    private final JobQueueCall call;
    private final int preferWait;

    ReplicateAdapter(ProviderContext context) {
        this.call = new JobQueueCall(context, "Authorization", "Bearer ", KEY_FAMILIES, ReplicateResponses::error);
        this.preferWait = ReplicateRequests.configuredWait(context.config().options().get("prefer_wait_seconds"));
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        if (request.operation() != Operation.EDIT) {
            return create(request, List.of());
        }
        try {
            ReplicateEdits.check(request, call.provider());
        } catch (ProviderException e) {
            return Future.failedFuture(e); // before any upload
        }
        List<Future<String>> images = new ArrayList<>();
        for (int i = 0; i < request.inputs().size(); i++) {
            images.add(image(request, i));
        }
        return Future.all(images).compose(all -> create(request, all.<String>list()));
    }

    /** A small image inline, a large one through the Files API. */
    private Future<String> image(AdapterRequest request, int index) {
        InputImage image = request.inputs().get(index);
        if (!ReplicateEdits.needsUpload(image)) {
            return Future.succeededFuture(ReplicateEdits.inline(image));
        }
        return call.submitForm(call.baseUrl() + "/files", ReplicateEdits.upload(image, index), request.deadline(),
                        "uploading input image " + index)
                .map(response -> ReplicateEdits.uploaded(response.body(), response.statusCode(), call.provider()));
    }

    private Future<AdapterResult> create(AdapterRequest request, List<String> images) {
        MappedRequest mapped;
        try {
            mapped = ReplicateRequests.map(request, call.provider(), images);
        } catch (ProviderException e) {
            return Future.failedFuture(e);
        }
        return call.submit(ReplicateRequests.createUrl(call.baseUrl(), request.providerModel()), mapped.body(),
                        request.deadline(), "creating the prediction", (post, left) -> post
                                .putHeader("Prefer", "wait=" + ReplicateRequests.preferWaitSeconds(left, preferWait))
                                .putHeader("Cancel-After", ReplicateRequests.cancelAfter(left)))
                .compose(response -> created(response, request))
                .map(mapped::withWarnings);
    }

    private Future<AdapterResult> created(HttpResponse<Buffer> response, AdapterRequest request) {
        JsonObject prediction = predictionOf(response);
        PollStep<AdapterResult> step = ReplicateResponses.prediction(prediction, response.statusCode(), call.provider());
        if (step instanceof PollStep.Completed<AdapterResult> done) {
            return Future.succeededFuture(done.value());
        }
        if (step instanceof PollStep.Failed<AdapterResult> failed) {
            return Future.failedFuture(failed.error());
        }
        ReplicatePrediction urls = ReplicateResponses.urls(prediction);
        String getUrl = urls.getUrl() != null ? urls.getUrl()
                : urls.id() != null ? call.baseUrl() + "/predictions/" + urls.id() : null;
        if (getUrl == null) {
            return Future.failedFuture(new ProviderException(ErrorKind.UPSTREAM, call.provider(), response.statusCode(),
                    call.provider() + ": the prediction has no id or urls.get to poll"));
        }
        call.requireKeyScope(response.statusCode(), "a prediction URL", getUrl, urls.cancelUrl());
        return call.poll(() -> call.getOk(getUrl, request.deadline(), "polling the prediction")
                        .map(polled -> ReplicateResponses.prediction(predictionOf(polled), polled.statusCode(),
                                call.provider())),
                HttpMethod.POST, urls.cancelUrl(), request.deadline(), request.abandoned());
    }

    /** The prediction object of a 2xx answer. */
    private JsonObject predictionOf(HttpResponse<Buffer> response) {
        JsonObject json = JsonBodies.object(response.body());
        if (json == null) {
            throw new ProviderException(ErrorKind.UPSTREAM, call.provider(), response.statusCode(),
                    call.provider() + ": the answer was not a prediction object");
        }
        return json;
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
