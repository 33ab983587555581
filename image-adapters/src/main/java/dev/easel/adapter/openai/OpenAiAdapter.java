package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import io.vertx.core.Future;

/** OpenAI's synchronous {@code POST /images/generations}: one HTTP call, the images in the answer. */
final class OpenAiAdapter implements ImageAdapter {

    private final String providerId;
    private final OpenAiImagesCall call;

    OpenAiAdapter(ProviderContext context) {
        this.providerId = context.config().id();
        this.call = new OpenAiImagesCall(context, OpenAiResponseMapper::result, OpenAiResponseMapper::error);
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        return call.send(OpenAiRequestMapper.map(request, providerId), request.deadline());
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
