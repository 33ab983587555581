package dev.easel.adapter.bfl;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.http.MappedRequest;
import dev.easel.adapter.poll.JobQueueCall;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Set;

/**
 * Black Forest Labs: submit, then poll the returned {@code polling_url} until Ready. The
 * key goes only to the configured API host or another {@code bfl.ai}/{@code bfl.ml} host
 * (BFL answers with regional hosts); a polling URL anywhere else is refused. BFL has no
 * cancel endpoint, so an abandoned task just stops being polled.
 */
final class BflAdapter implements ImageAdapter {

    private static final Set<String> KEY_FAMILIES = Set.of("bfl.ai", "bfl.ml");

    private final JobQueueCall call;

    BflAdapter(ProviderContext context) {
        this.call = new JobQueueCall(context, "x-key", "", KEY_FAMILIES, BflResponses::error);
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        MappedRequest mapped;
        try {
            mapped = BflRequests.map(request, call.provider());
        } catch (ProviderException e) {
            return Future.failedFuture(e); // an edit this endpoint cannot take
        }
        String mediaType = mapped.body().getString("output_format") == null ? null
                : "image/" + mapped.body().getString("output_format");
        return call.submit(call.baseUrl() + "/" + request.providerModel(), mapped.body(), request.deadline(),
                        "submitting the task")
                .map(this::submitted)
                .compose(task -> call.poll(() -> call.getOk(task.pollingUrl(), request.deadline(), "polling the task")
                                .map(polled -> BflResponses.poll(polled.body(), polled.statusCode(), mediaType,
                                        call.provider())),
                        request.deadline(), request.abandoned()))
                .map(mapped::withWarnings);
    }

    private BflTask submitted(HttpResponse<Buffer> response) {
        BflTask task = BflResponses.submitted(response.body(), call.baseUrl(), call.provider());
        call.requireKeyScope(response.statusCode(), "polling URL", task.pollingUrl());
        return task;
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
