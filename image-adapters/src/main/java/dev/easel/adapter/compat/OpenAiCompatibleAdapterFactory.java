package dev.easel.adapter.compat;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code adapter: openai-compatible}: Together, xAI, Recraft or any other upstream with
 * OpenAI's images API at {@code base_url}; {@code options} pick the dialect.
 */
public final class OpenAiCompatibleAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "openai-compatible";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return EnumSet.allOf(OptionalParam.class);
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new OpenAiCompatibleAdapter(context);
    }
}
