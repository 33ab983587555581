package dev.easel.adapter.gemini;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Set;

/** {@code adapter: gemini}: Gemini image models on the Gemini API (AI Studio keys). */
public final class GeminiAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return GeminiRequestMapper.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new GeminiAdapter(context);
    }
}
