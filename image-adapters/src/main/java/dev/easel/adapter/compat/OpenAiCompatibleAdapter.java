package dev.easel.adapter.compat;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.openai.OpenAiImagesCall;
import io.vertx.core.Future;

/** Any upstream speaking OpenAI's {@code POST /images/generations} (Together, xAI, Recraft). */
final class OpenAiCompatibleAdapter implements ImageAdapter {

    private final OpenAiCompatibleOptions options;
    private final OpenAiImagesCall call;

    OpenAiCompatibleAdapter(ProviderContext context) {
        this.options = OpenAiCompatibleOptions.from(context.config().options());
        this.call = new OpenAiImagesCall(context, OpenAiCompatibleResponseMapper::result,
                OpenAiCompatibleResponseMapper::error);
    }

    @Override
    public Future<AdapterResult> generate(AdapterRequest request) {
        return call.send(OpenAiCompatibleRequestMapper.map(request, options), request.deadline());
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
