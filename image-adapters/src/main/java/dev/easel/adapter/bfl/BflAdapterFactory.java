package dev.easel.adapter.bfl;

import dev.easel.adapter.ImageAdapter;
import dev.easel.adapter.ImageAdapterFactory;
import dev.easel.adapter.OptionalParam;
import dev.easel.adapter.ProviderContext;
import java.util.Objects;
import java.util.Set;

/** Creates the {@code bfl} adapter: Black Forest Labs' API ({@code https://api.bfl.ai/v1}). */
public final class BflAdapterFactory implements ImageAdapterFactory {

    @Override
    public String name() {
        return "bfl";
    }

    @Override
    public Set<OptionalParam> honouredParams() {
        return BflRequests.HONOURED;
    }

    @Override
    public ImageAdapter create(ProviderContext context) {
        return new BflAdapter(Objects.requireNonNull(context, "context"));
    }
}
