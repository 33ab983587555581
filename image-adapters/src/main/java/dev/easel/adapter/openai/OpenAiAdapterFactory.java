package dev.easel.adapter.openai;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.ProviderContext;

/** {@code adapter: openai}: dall-e-3 and the GPT image models. */
public final class OpenAiAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new OpenAiAdapter(context);
    }
}
