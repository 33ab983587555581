package dev.easel.adapter.compat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.Operation;
import dev.easel.adapter.http.EditChecks;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.openai.OpenAiImagesCall;
import io.vertx.core.Future;

/** Any upstream speaking OpenAI's {@code POST /images/generations} (Together, xAI, Recraft). */
final class OpenAiCompatibleAdapter implements ImageAdapter {

    private final String providerId;
    private final OpenAiCompatibleOptions options;
    private final OpenAiImagesCall call;

    OpenAiCompatibleAdapter(ProviderContext context) {
        this.providerId = context.config().id();
        this.options = OpenAiCompatibleOptions.from(context.config().options());
        this.call = new OpenAiImagesCall(context, OpenAiCompatibleResponseMapper::result,
                OpenAiCompatibleResponseMapper::error);
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        if (request.operation() == Operation.EDIT) {
            // Compatible upstreams differ in what their edits take; none is mapped yet.
            return Future.failedFuture(EditChecks.notAnEditModel(providerId, request.providerModel()));
        }
        return call.send(OpenAiCompatibleRequestMapper.map(request, options), request.deadline());
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
