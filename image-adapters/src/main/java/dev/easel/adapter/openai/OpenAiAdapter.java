package dev.easel.adapter.openai;

import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.Operation;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.ProviderContext;
import dev.easel.adapter.http.MappedForm;
import dev.easel.adapter.http.MappedRequest;
import io.vertx.core.Future;

/**
 * OpenAI's synchronous Images API: {@code POST /images/generations}, or {@code /images/edits}
 * for an edit; one HTTP call, the images in the answer, or in its event stream when a
 * streaming caller asked GPT image models for previews.
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
        boolean stream = OpenAiRequestMapper.streams(request);
        if (request.operation() == Operation.EDIT) {
            MappedForm form;
            try {
                form = OpenAiEditMapper.map(request, providerId);
            } catch (ProviderException e) {
                return Future.failedFuture(e);
            }
            return stream ? call.streamEdit(form, request) : call.sendEdit(form, request.deadline());
        }
        MappedRequest mapped = OpenAiRequestMapper.map(request, providerId);
        return stream ? call.stream(mapped, request) : call.send(mapped, request.deadline());
    }

    /** GPT image models stream previews ({@code partial_images}); dall-e models do not stream. */
    @Override
    public boolean streamsPartials(String providerModel) {
        return OpenAiRequestMapper.isGptImage(providerModel);
    }

    @Override
    public Future<Void> close() {
        return call.close();
    }
}
