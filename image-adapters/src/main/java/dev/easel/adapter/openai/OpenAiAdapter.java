package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.Operation;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.ProviderContext;
import io.vertx.core.Future;

/**
 * OpenAI's synchronous Images API: {@code POST /images/generations}, or {@code /images/edits}
 * for an edit; one HTTP call, the images in the answer.
 */
final class OpenAiAdapter implements ImageAdapter {

    private final String providerId;
    private final OpenAiImagesCall call;

    OpenAiAdapter(ProviderContext context) {
        this.providerId = context.config().id();
        this.call = new OpenAiImagesCall(context, OpenAiResponseMapper::result, OpenAiResponseMapper::error);
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        if (request.operation() == Operation.EDIT) {
            try {
                return call.sendEdit(OpenAiEditMapper.map(request, providerId), request.deadline());
            } catch (ProviderException e) {
                return Future.failedFuture(e);
            }
        }
        return call.send(OpenAiRequestMapper.map(request, providerId), request.deadline());
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
