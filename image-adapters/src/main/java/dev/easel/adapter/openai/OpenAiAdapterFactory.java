package dev.easel.adapter.openai;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Set;

/** {@code adapter: openai}: dall-e-3 and the GPT image models. */
public final class OpenAiAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return OpenAiRequestMapper.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new OpenAiAdapter(context);
    }
}
